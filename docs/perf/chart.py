#!/usr/bin/env python3
"""Draws docs/perf/chart.svg and docs/perf/results.md from the benchmark results.

Reads, from benchmarks/results/ (each file optional):
  core.json        JMH `-rf json` output of CoreBenchmark (switch cost, await, spawn, pipeline vs flatMap)
  http.json        JMH output of the HTTP benchmarks (ClientSession in coroutines vs Reactor Netty)
  primitives.json  JMH output of the primitives benchmarks
  memory.json      {"bytesPerSuspendedTask": ..., "bytesPerParkedVirtualThread": ..., ...} from MemoryPerTask
  *.json           any other JMH output, drawn after these (e.g. a longer run)
A missing or unreadable file gives a panel that says so, never a failure, so the chart can be drawn
from whatever results exist. Only python3's standard library is used.

    python3 docs/perf/chart.py [--results DIR] [--out DIR]
"""

import argparse
import html
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

OURS = "#2f6db5"
BASELINE = "#9a9a9a"

# A benchmark is reactor-asyncio's unless its name says it is the hand-written Reactor/JDK way of doing the
# same thing. Names that mention our own concepts win over baseline words ("awaitCompletedMono" is ours).
OUR_WORDS = ("coroutine", "async", "session", "task", "await", "loop", "gather", "fetch", "switch", "spawn")
BASELINE_WORDS = ("baseline", "raw", "flatmap", "plain", "netty", "httpclient", "webclient", "zip", "reactor",
                  "jdk", "reentrant", "juc", "vthread", "virtualthread", "subscription", "sink")
MODES = {"thrpt": "throughput", "avgt": "average time", "sample": "latency, mean and p99", "ss": "single shot"}

MEMORY_LABELS = {
    "bytesPerSleepingTask": ("Task in sleep", False),
    "bytesPerSuspendedTask": ("Task awaiting a Future", False),
    "bytesPerParkedVirtualThread": ("parked virtual thread (bare)", True),
    "bytesPerPendingReactorSubscription": ("pending Reactor subscription", True),
}


def is_baseline(name):
    n = name.lower()
    if any(w in n for w in OUR_WORDS):
        return False
    return any(w in n for w in BASELINE_WORDS)


def shown_path(path):
    rel = os.path.relpath(path, ROOT)
    return path if rel.startswith("..") else rel


def load_json(path):
    """(the parsed file, None), or (None, why not)."""
    if not os.path.exists(path):
        return None, "not measured yet (%s is missing)" % shown_path(path)
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f), None
    except (OSError, ValueError) as e:
        return None, "unreadable %s: %s" % (shown_path(path), e)


def jmh_rows(data):
    """(label, score, error, unit, mode, baseline) per JMH result, in file order."""
    rows = []
    if not isinstance(data, list):
        return rows
    classes = {str(r.get("benchmark", "")).rsplit(".", 2)[-2] for r in data if isinstance(r, dict)}
    for r in data:
        if not isinstance(r, dict) or "primaryMetric" not in r:
            continue
        full = str(r.get("benchmark", "?"))
        parts = full.rsplit(".", 2)
        method = parts[-1]
        label = method if len(classes) <= 1 else "%s.%s" % (parts[-2], method)
        params = r.get("params") or {}
        if params:
            label += " [" + ", ".join("%s=%s" % kv for kv in sorted(params.items())) + "]"
        m = r["primaryMetric"]
        try:
            score = float(m.get("score"))
        except (TypeError, ValueError):
            continue
        try:
            error = float(m.get("scoreError"))
            if math.isnan(error) or math.isinf(error):
                error = 0.0
        except (TypeError, ValueError):
            error = 0.0
        mode = str(r.get("mode", ""))
        unit = str(m.get("scoreUnit", ""))
        if mode == "sample":
            # sampled latency: the mean alone hides the tail, so the 99th percentile goes beside it
            rows.append((label + " (mean)", score, error, unit, mode, is_baseline(method)))
            p99 = (m.get("scorePercentiles") or {}).get("99.0")
            if isinstance(p99, (int, float)):
                rows.append((label + " (p99)", float(p99), 0.0, unit, mode, is_baseline(method)))
            continue
        rows.append((label, score, error, unit, mode, is_baseline(method)))
    return rows


def group_by_unit(title, rows):
    """One panel per unit (and mode), since bars of different units cannot share an axis."""
    panels = []
    keys = []
    for row in rows:
        key = (row[3], row[4])
        if key not in keys:
            keys.append(key)
    for unit, mode in keys:
        sub = [r for r in rows if (r[3], r[4]) == (unit, mode)]
        better = "higher is better" if mode == "thrpt" else "lower is better"
        name = title if len(keys) == 1 else "%s: %s" % (title, MODES.get(mode, unit))
        panels.append({"title": name, "note": "%s, %s" % (unit, better), "rows": sub, "unit": unit})
    return panels


def build_panels(results):
    panels = []

    core, why = load_json(os.path.join(results, "core.json"))
    rows = jmh_rows(core) if core is not None else []
    if rows:
        pipeline = [r for r in rows if "pipeline" in r[0].lower()]
        costs = [r for r in rows if r not in pipeline]
        for p in group_by_unit("Cost per switch, await and task", costs):
            panels.append(p)
        for p in group_by_unit("Ten dependent steps: coroutine vs Reactor flatMap", pipeline):
            panels.append(p)
    else:
        panels.append({"title": "Switch cost", "missing": why or "core.json has no results"})

    mem, why = load_json(os.path.join(results, "memory.json"))
    if isinstance(mem, dict):
        mrows = []
        rounds = mem.get("rounds")
        for key, value in mem.items():
            if not key.startswith("bytesPer") or key.endswith("Min") or key.endswith("Max"):
                continue
            try:
                v = float(value)
            except (TypeError, ValueError):
                continue
            label, baseline = MEMORY_LABELS.get(key, (key, is_baseline(key)))
            low, high = mem.get(key + "Min"), mem.get(key + "Max")
            if isinstance(low, (int, float)) and isinstance(high, (int, float)):
                # a median over rounds: show the spread of the rounds, not a confidence interval
                label += " (%s%s–%s)" % ("median of %s, " % rounds if rounds else "", fmt(low), fmt(high))
            mrows.append((label, v, 0.0, "bytes", "mem", baseline))
        n = mem.get("suspendedTasks")
        note = "heap bytes per waiting unit%s, lower is better" % (" (%s at once)" % format(n, ",") if n else "")
        if mrows:
            panels.append({"title": "Memory per suspended task", "note": note, "rows": mrows, "unit": "bytes"})
        else:
            panels.append({"title": "Memory per suspended task", "missing": "memory.json has no bytesPer* values"})
    else:
        panels.append({"title": "Memory per suspended task", "missing": why or "memory.json is not an object"})

    for file, title in (("http.json", "HTTP client: ClientSession vs raw Reactor Netty"),
                        ("primitives.json", "Primitives and async iteration")):
        data, why = load_json(os.path.join(results, file))
        rows = jmh_rows(data) if data is not None else []
        if rows:
            panels.extend(group_by_unit(title, rows))
        else:
            panels.append({"title": title, "missing": why or "%s has no results" % file})

    # any other JMH result file (e.g. a longer run of the same benchmarks), after the known ones
    known = {"core.json", "memory.json", "http.json", "primitives.json"}
    others = sorted(f for f in os.listdir(results) if f.endswith(".json") and f not in known) \
        if os.path.isdir(results) else []
    for file in others:
        data, _ = load_json(os.path.join(results, file))
        rows = jmh_rows(data) if data is not None else []
        if rows:
            panels.extend(group_by_unit("%s (%s)" % (file[:-5], file), rows))
    return panels


def fmt(v):
    if v == 0:
        return "0"
    a = abs(v)
    if a >= 100:
        return format(round(v), ",")
    if a >= 10:
        return "%.1f" % v
    if a >= 1:
        return "%.2f" % v
    return "%.3g" % v


def svg(panels):
    width, label_w, bar_w, row_h = 1000, 330, 430, 22
    y = 56
    out = []
    for p in panels:
        out.append('<text x="20" y="%d" class="h">%s</text>' % (y, html.escape(p["title"])))
        if "missing" in p:
            out.append('<text x="20" y="%d" class="n">%s</text>' % (y + 20, html.escape(p["missing"])))
            y += 50
            continue
        out.append('<text x="20" y="%d" class="n">%s</text>' % (y + 18, html.escape(p["note"])))
        y += 30
        # the longest bar takes 85% of the width; wider error bars are clipped (the table has them whole)
        top = (max(r[1] for r in p["rows"]) or 1.0) / 0.85
        limit = label_w + 20 + bar_w
        for label, score, error, unit, _, baseline in p["rows"]:
            w = max(1.0, bar_w * score / top)
            shown = label if len(label) <= 52 else label[:51] + "…"   # keep it inside the label column
            out.append('<text x="%d" y="%d" class="l">%s</text>' % (label_w + 10, y + 15, html.escape(shown)))
            out.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>'
                       % (label_w + 20, y + 3, w, row_h - 6, BASELINE if baseline else OURS))
            end = label_w + 20 + w
            if error > 0:
                x0 = label_w + 20 + bar_w * max(0.0, score - error) / top
                x1 = min(limit, label_w + 20 + bar_w * (score + error) / top)
                out.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" class="e"/>' % (x0, x1, y + 11, y + 11))
                end = max(end, x1)
            value = fmt(score) + (" ± " + fmt(error) if error > 0 else "") + " " + unit
            out.append('<text x="%.1f" y="%d" class="v">%s</text>' % (end + 6, y + 15, html.escape(value)))
            y += row_h
        y += 24
    height = y + 10
    head = [
        '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
        'font-family="Helvetica, Arial, sans-serif">' % (width, height, width, height),
        '<style>.h{font-size:15px;font-weight:bold}.n{font-size:12px;fill:#555}'
        '.l{font-size:12px;text-anchor:end}.v{font-size:11px;fill:#333}.e{stroke:#000;stroke-width:1}</style>',
        '<rect width="100%" height="100%" fill="white"/>',
        '<text x="20" y="24" style="font-size:18px;font-weight:bold">reactor-asyncio benchmarks</text>',
        '<rect x="%d" y="14" width="12" height="12" fill="%s"/>' % (width - 330, OURS),
        '<text x="%d" y="24" style="font-size:12px">reactor-asyncio</text>' % (width - 313),
        '<rect x="%d" y="14" width="12" height="12" fill="%s"/>' % (width - 205, BASELINE),
        '<text x="%d" y="24" style="font-size:12px">plain Reactor / JDK baseline</text>' % (width - 188),
    ]
    return "\n".join(head + out + ["</svg>", ""])


def markdown(panels):
    lines = ["# Benchmark results", "",
             "Generated by `python3 docs/perf/chart.py` from `benchmarks/results/*.json`; see "
             "[the chart](chart.svg) and the guide's performance section.", ""]
    for p in panels:
        lines.append("## " + p["title"])
        lines.append("")
        if "missing" in p:
            lines += [p["missing"], ""]
            continue
        lines += [p["note"], "", "| benchmark | kind | score | ± error | unit |", "|---|---|---:|---:|---|"]
        for label, score, error, unit, _, baseline in p["rows"]:
            lines.append("| %s | %s | %s | %s | %s |" % (label.replace("|", "\\|"),
                         "baseline" if baseline else "reactor-asyncio", fmt(score), fmt(error) if error else "",
                         unit))
        lines.append("")
    return "\n".join(lines)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", default=os.path.join(ROOT, "benchmarks", "results"))
    parser.add_argument("--out", default=HERE)
    args = parser.parse_args(argv)
    panels = build_panels(args.results)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "chart.svg"), "w", encoding="utf-8") as f:
        f.write(svg(panels))
    with open(os.path.join(args.out, "results.md"), "w", encoding="utf-8") as f:
        f.write(markdown(panels))
    drawn = sum(1 for p in panels if "missing" not in p)
    print("wrote %s and results.md: %d panel(s) with data, %d without"
          % (os.path.join(args.out, "chart.svg"), drawn, len(panels) - drawn))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
