package io.github.reactorasyncio.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

import javax.management.ObjectName;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.Coroutine;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.Future;
import io.github.reactorasyncio.Task;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

/**
 * Heap bytes per suspended task with 1,000,000 suspended at once, beside the baselines: a bare parked virtual
 * thread, and a pending Reactor subscription (what a hand-written Reactor chain holds while it waits). Two kinds
 * of suspended task: asleep in {@code Async.sleep} (the figure) and awaiting a pending {@code Future}.
 * Writes {@code benchmarks/results/memory.json}. Run with {@code benchmarks/run memory [n] [out.json]};
 * in {@code JAVA_OPTS}: {@code -Drounds=N} (default 5), {@code -Dwarmup=N} (default 2),
 * {@code -Dkinds=sleeping,awaiting,vthread,subscription} (default all), {@code -Dbodies=N} (1 to 4, default 4:
 * the sleeping tasks' body as N classes in turn, see {@link #SLEEPERS}; 1 is the shape of the figures before
 * stop 19).
 *
 * <p>Spread: each kind first runs warm-up rounds, the same as the measured ones, that are not counted (a suspended
 * task's stack chunk holds its frames as the JIT has them when it suspends: interpreted frames are bigger, and
 * the cancels that end a round deoptimize the await path once); each reading is taken once the heap stops
 * shrinking between full GCs; the figure is the median of the rounds, with min, max and spread beside it. In the
 * last sleeping round, the class histogram at the peak (minus the one before the tasks were made) is printed per
 * task, top classes first.
 */
public final class MemoryPerTask {

	private static final int ROUNDS = Integer.getInteger("rounds", 5);
	private static final int WARMUP = Integer.getInteger("warmup", 2);

	/*
	 * The same sleep as four classes. With one, the worker's call of the body sees one class and C2 may inline the
	 * body into the worker's frame, or not, depending on which it compiled first: the stack chunk then moves by a
	 * frame between runs. An application's worker calls many coroutine classes, none dominant, so the body is always
	 * a frame of its own; -Dbodies=4, the default, measures that shape.
	 */
	private static final List<Coroutine<Void>> SLEEPERS = List.of(
			() -> {
				Async.sleep(Duration.ofHours(1));
				return null;
			},
			() -> {
				Async.sleep(Duration.ofHours(1));
				return null;
			},
			() -> {
				Async.sleep(Duration.ofHours(1));
				return null;
			},
			() -> {
				Async.sleep(Duration.ofHours(1));
				return null;
			});

	private static final int BODIES = bodies();

	private static int bodies() {
		int b = Integer.getInteger("bodies", SLEEPERS.size());
		if (b < 1 || b > SLEEPERS.size()) {
			throw new IllegalArgumentException("-Dbodies takes 1 to " + SLEEPERS.size() + ", not " + b);
		}
		return b;
	}

	private MemoryPerTask() {
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	private static double min(double[] values) {
		return Arrays.stream(values).min().orElseThrow();
	}

	private static double max(double[] values) {
		return Arrays.stream(values).max().orElseThrow();
	}

	public static void main(String[] args) throws Exception {
		int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		Path out = Path.of(args.length > 1 ? args[1] : "benchmarks/results/memory.json");
		List<String> kinds = List.of(System.getProperty("kinds", "sleeping,awaiting,vthread,subscription").split(","));
		Map<String, double[]> results = new LinkedHashMap<>();
		for (String kind : kinds) {
			Measure m = switch (kind) {
				case "sleeping" -> last -> perSleepingTask(n, last);
				case "awaiting" -> last -> perAwaitingTask(n);
				case "vthread" -> last -> perParkedVirtualThread(n);
				case "subscription" -> last -> perPendingSubscription(n);
				default -> throw new IllegalArgumentException("unknown kind " + kind
						+ "; -Dkinds= takes sleeping, awaiting, vthread, subscription");
			};
			// warm-up rounds, not counted: the frames every suspended task keeps are frozen in whatever state the
			// JIT has them (interpreted frames are bigger, and the cancel at the end of a round deoptimizes the
			// await path once), so a figure is only stable once the same round has run as it will be measured
			for (int w = 0; w < WARMUP; w++) {
				m.perTask(false);
			}
			double[] values = new double[ROUNDS];
			for (int r = 0; r < ROUNDS; r++) {
				values[r] = m.perTask(r == ROUNDS - 1);
				System.out.printf(Locale.ROOT, "%s round %d: %.0f B per task%n", kind, r + 1, values[r]);
			}
			results.put(kind, values);
		}
		StringBuilder json = new StringBuilder(String.format(Locale.ROOT, "{\"suspendedTasks\": %d, \"rounds\": %d, "
				+ "\"warmupRounds\": %d", n, ROUNDS, WARMUP));
		Map<String, String> names = Map.of("sleeping", "SleepingTask", "awaiting", "SuspendedTask", "vthread",
				"ParkedVirtualThread", "subscription", "PendingReactorSubscription");
		for (var e : results.entrySet()) {
			double[] v = e.getValue();
			double m = median(v);
			String name = names.get(e.getKey());
			json.append(String.format(Locale.ROOT, ", \"bytesPer%s\": %.0f, \"bytesPer%sMin\": %.0f, "
					+ "\"bytesPer%sMax\": %.0f, \"spreadPercent%s\": %.1f", name, m, name, min(v), name, max(v), name,
					100 * Math.max(max(v) - m, m - min(v)) / m));
		}
		json.append("}\n");
		System.out.print(json);
		Files.createDirectories(out.getParent());
		Files.writeString(out, json);
	}

	/** One round of one kind: bytes per task; {@code last} asks for the class histogram (sleeping tasks only). */
	private interface Measure {
		double perTask(boolean last) throws Exception;
	}

	/** Tasks asleep in {@code Async.sleep} (an hour); they are cancelled to end the round. */
	static double perSleepingTask(int n, boolean histogram) throws Exception {
		try (EventLoop loop = EventLoop.create()) {
			List<Task<Void>> tasks = new ArrayList<>(n);
			Map<String, long[]> histogramBefore = histogram ? classHistogram() : Map.of();
			long before = usedAfterGc();
			List<Coroutine<Void>> bodies = SLEEPERS.subList(0, BODIES);
			loop.callSoon(() -> {
				for (int i = 0; i < n; i++) {
					tasks.add(loop.createTask(bodies.get(i % BODIES)));
				}
			});
			settle(loop);
			long after = usedAfterGc();
			if (histogram) {
				printPerTask(histogramBefore, classHistogram(), n);
			}
			loop.run(() -> {
				for (Task<Void> t : tasks) {
					t.cancel();
				}
				for (Task<Void> t : tasks) {
					try {
						Async.await(t);
					}
					catch (CancelledError expected) {
						// every task was cancelled in its sleep
					}
				}
				return null;
			});
			return (after - before) / (double) n;
		}
	}

	/** Tasks awaiting one pending {@code Future}. */
	static double perAwaitingTask(int n) throws Exception {
		try (EventLoop loop = EventLoop.create()) {
			Future<Void> gate = loop.createFuture();
			List<Task<Void>> tasks = new ArrayList<>(n);
			long before = usedAfterGc();
			loop.callSoon(() -> {
				for (int i = 0; i < n; i++) {
					tasks.add(loop.createTask(() -> Async.await(gate)));
				}
			});
			settle(loop);
			long after = usedAfterGc();
			loop.run(() -> {
				gate.setResult(null);
				for (Task<Void> t : tasks) {
					Async.await(t);
				}
				return null;
			});
			return (after - before) / (double) n;
		}
	}

	/** Returns once every task made by the callback posted before has started and suspended (they run FIFO). */
	private static void settle(EventLoop loop) throws Exception {
		loop.run(() -> {
			Async.yieldNow();
			Async.yieldNow();
			return null;
		});
	}

	static double perParkedVirtualThread(int n) throws Exception {
		CountDownLatch parked = new CountDownLatch(n);
		List<Thread> threads = new ArrayList<>(n);
		long before = usedAfterGc();
		for (int i = 0; i < n; i++) {
			threads.add(Thread.ofVirtual().start(() -> {
				parked.countDown();
				while (!Thread.currentThread().isInterrupted()) {
					LockSupport.park();
				}
			}));
		}
		parked.await();
		long after = usedAfterGc();
		for (Thread t : threads) {
			t.interrupt();
		}
		for (Thread t : threads) {
			t.join();
		}
		return (after - before) / (double) n;
	}

	static double perPendingSubscription(int n) throws InterruptedException {
		List<Sinks.One<Integer>> sinks = new ArrayList<>(n);
		List<Disposable> subscriptions = new ArrayList<>(n);
		long before = usedAfterGc();
		for (int i = 0; i < n; i++) {
			Sinks.One<Integer> s = Sinks.one();
			sinks.add(s);
			subscriptions.add(s.asMono().map(x -> x + 1).subscribe());
		}
		long after = usedAfterGc();
		subscriptions.forEach(Disposable::dispose);
		// the two lists' backing arrays are counted too: 8 bytes per element each, as for the task list above
		return (after - before) / (double) n;
	}

	/**
	 * The heap in use after full GCs, once it stops shrinking: a single {@code System.gc()} can leave garbage
	 * that a reference-processing or cleaner pass frees only on the next one.
	 */
	private static long usedAfterGc() throws InterruptedException {
		long last = Long.MAX_VALUE;
		for (int i = 0; i < 10; i++) {
			System.gc();
			Thread.sleep(50);
			long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			if (last != Long.MAX_VALUE && Math.abs(last - used) < 64 * 1024) {
				return Math.min(last, used);
			}
			last = used;
		}
		return last;
	}

	/** {@code jcmd GC.class_histogram} through the platform MBean: class name to {instances, bytes}. */
	private static Map<String, long[]> classHistogram() throws Exception {
		String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
				new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
				new Object[] { new String[0] }, new String[] { String[].class.getName() });
		Map<String, long[]> histogram = new HashMap<>();
		for (String line : text.split("\n")) {
			String[] f = line.trim().split("\\s+");
			if (f.length >= 4 && f[0].endsWith(":")) {
				histogram.put(f[3], new long[] { Long.parseLong(f[1]), Long.parseLong(f[2]) });
			}
		}
		return histogram;
	}

	private static void printPerTask(Map<String, long[]> before, Map<String, long[]> after, int n) {
		record Row(String name, double instances, double bytes) {
		}
		List<Row> rows = new ArrayList<>();
		for (var e : after.entrySet()) {
			long[] b = before.getOrDefault(e.getKey(), new long[2]);
			rows.add(new Row(e.getKey(), (e.getValue()[0] - b[0]) / (double) n, (e.getValue()[1] - b[1]) / (double) n));
		}
		rows.sort((x, y) -> Double.compare(y.bytes, x.bytes));
		double total = rows.stream().mapToDouble(Row::bytes).sum();
		System.out.printf(Locale.ROOT, "class histogram at the peak, per sleeping task (%,d tasks; %.0f B in all):%n", n,
				total);
		System.out.printf(Locale.ROOT, "  %10s %10s  %s%n", "bytes", "instances", "class");
		for (Row r : rows.subList(0, Math.min(12, rows.size()))) {
			System.out.printf(Locale.ROOT, "  %10.1f %10.2f  %s%n", r.bytes, r.instances, r.name);
		}
	}
}
