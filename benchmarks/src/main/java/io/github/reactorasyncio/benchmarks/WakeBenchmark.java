package io.github.reactorasyncio.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.Future;

/**
 * Cold wakes: {@code n} tasks (1,000,000) each sleep {@code delay} (5 s) on one loop, then finish. Per round it
 * measures
 * <ul>
 *   <li>create: the {@code createTask} calls;</li>
 *   <li>start: from the first {@code createTask} until every task is asleep (their first steps);</li>
 *   <li>wake: from the first task's deadline until the last task is done (what the issue asks under 5 s);</li>
 *   <li>GC: collector time during the round, and during the wake;</li>
 *   <li>CPU: the process's CPU time during the wake, per task (all threads: the loop's, the carriers', GC): on a
 *   loaded machine the wall-clock wake stretches with the load, this much less.</li>
 * </ul>
 * Run with {@code benchmarks/run wake [n] [delaySeconds] [rounds] [out.json]} (defaults 1000000 5 3
 * benchmarks/results/wake.json); a JFR profile of the wake with
 * {@code JAVA_OPTS=-XX:StartFlightRecording=filename=wake.jfr,settings=profile benchmarks/run wake}.
 * {@code JAVA_OPTS="-Dwake.oneCarrier=true --add-opens java.base/java.lang=ALL-UNNAMED"} runs it on
 * {@code EventLoop.createOnOneCarrier()} instead (every hand-off stays on one platform thread);
 * {@code -Dwake.depth=N} makes each task sleep N calls deeper (how the wake's cost grows with the frames it thaws).
 */
public final class WakeBenchmark {

	private static final int DEPTH = Integer.getInteger("wake.depth", 0);

	private WakeBenchmark() {
	}

	private static void sleepAtDepth(int depth, Duration delay) {
		if (depth <= 0) {
			Async.sleep(delay);
		}
		else {
			sleepAtDepth(depth - 1, delay);
		}
	}

	public static void main(String[] args) throws Exception {
		int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		Duration delay = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
		int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
		Path out = Path.of(args.length > 3 ? args[3] : "benchmarks/results/wake.json");
		double[] create = new double[rounds], start = new double[rounds], wake = new double[rounds];
		double[] gc = new double[rounds], gcWake = new double[rounds], cpuWake = new double[rounds];
		for (int r = 0; r < rounds; r++) {
			double[] m = round(n, delay);
			create[r] = m[0];
			start[r] = m[1];
			wake[r] = m[2];
			gc[r] = m[3];
			gcWake[r] = m[4];
			cpuWake[r] = m[5];
			System.out.printf(Locale.ROOT, "round %d: create %.3f s, start %.3f s, first deadline to last done %.3f s "
					+ "(%.2f us per task; CPU %.2f us per task), GC %.3f s in all, %.3f s of it during the wake%n", r + 1, create[r],
					start[r], wake[r], wake[r] * 1e6 / n, cpuWake[r] * 1e6 / n, gc[r], gcWake[r]);
		}
		String json = String.format(Locale.ROOT, "{\"tasks\": %d, \"delaySeconds\": %d, \"rounds\": %d, "
				+ "\"createSeconds\": %.3f, \"startSeconds\": %.3f, \"wakeSeconds\": %.3f, \"wakeSecondsMin\": %.3f, "
				+ "\"wakeSecondsMax\": %.3f, \"wakeMicrosPerTask\": %.2f, \"cpuMicrosPerTaskDuringWake\": %.2f, \"gcSeconds\": %.3f, \"gcSecondsDuringWake\": %.3f}%n",
				n, delay.toSeconds(), rounds, median(create), median(start), median(wake),
				Arrays.stream(wake).min().orElseThrow(), Arrays.stream(wake).max().orElseThrow(), median(wake) * 1e6 / n,
				median(cpuWake) * 1e6 / n, median(gc), median(gcWake));
		System.out.print(json);
		Files.createDirectories(out.getParent());
		Files.writeString(out, json);
	}

	/** @return create, start, wake, GC in all, GC during the wake, process CPU during the wake; seconds */
	static double[] round(int n, Duration delay) throws Exception {
		System.gc();
		try (EventLoop loop = Boolean.getBoolean("wake.oneCarrier") ? EventLoop.createOnOneCarrier() : EventLoop.create()) {
			long gc0 = gcMillis();
			double[] m = loop.run(() -> {
				Future<Void> allDone = loop.createFuture();
				long[] firstDeadline = { -1 };
				long[] lastDone = { 0 };
				int[] remaining = { n };
				long t0 = loop.time();
				for (int i = 0; i < n; i++) {
					Async.createTask(() -> {
						if (firstDeadline[0] < 0) {
							firstDeadline[0] = loop.time() + delay.toNanos();
						}
						sleepAtDepth(DEPTH, delay);
						if (--remaining[0] == 0) {
							lastDone[0] = loop.time();
							allDone.setResult(null);
						}
						return null;
					});
				}
				long t1 = loop.time();
				Async.yieldNow(); // after every task's first step: all asleep
				long t2 = loop.time();
				long gcBeforeWake = -1;
				// sleep until just before the first deadline to read the GC time there
				long untilFirst = firstDeadline[0] - loop.time() - 50_000_000L;
				if (untilFirst > 0) {
					Async.sleep(Duration.ofNanos(untilFirst));
				}
				gcBeforeWake = gcMillis();
				long cpuBeforeWake = cpuNanos();
				Async.await(allDone);
				long cpuEnd = cpuNanos();
				long gcEnd = gcMillis();
				return new double[] { (t1 - t0) / 1e9, (t2 - t0) / 1e9, (lastDone[0] - firstDeadline[0]) / 1e9,
						(gcEnd - gc0) / 1e3, (gcEnd - gcBeforeWake) / 1e3, (cpuEnd - cpuBeforeWake) / 1e9 };
			});
			return m;
		}
	}

	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private static long gcMillis() {
		long sum = 0;
		for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
			sum += Math.max(0, b.getCollectionTime());
		}
		return sum;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}
}
