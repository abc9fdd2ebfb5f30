package io.github.reactorasyncio.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.Future;
import io.github.reactorasyncio.Task;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

/**
 * Heap bytes per suspended task with 1,000,000 suspended at once, beside the baselines: a bare parked virtual
 * thread, and a pending Reactor subscription (what a hand-written Reactor chain holds while it waits).
 * Writes {@code benchmarks/results/memory.json}. Run with {@code benchmarks/run memory}.
 */
public final class MemoryPerTask {

	private static final int ROUNDS = 5;

	private MemoryPerTask() {
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	public static void main(String[] args) throws Exception {
		int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		Path out = Path.of(args.length > 1 ? args[1] : "benchmarks/results/memory.json");
		// heap readings after GC vary by a few percent from run to run: report the median of five rounds
		double[] task = new double[ROUNDS], vthread = new double[ROUNDS], subscription = new double[ROUNDS];
		for (int r = 0; r < ROUNDS; r++) {
			task[r] = perTask(n);
			vthread[r] = perParkedVirtualThread(n);
			subscription[r] = perPendingSubscription(n);
		}
		String json = String.format(Locale.ROOT, "{\"suspendedTasks\": %d, \"rounds\": %d, "
				+ "\"bytesPerSuspendedTask\": %.0f, \"bytesPerParkedVirtualThread\": %.0f, "
				+ "\"bytesPerPendingReactorSubscription\": %.0f, \"bytesPerSuspendedTaskMin\": %.0f, "
				+ "\"bytesPerSuspendedTaskMax\": %.0f}%n", n, ROUNDS, median(task), median(vthread),
				median(subscription), Arrays.stream(task).min().orElseThrow(), Arrays.stream(task).max().orElseThrow());
		System.out.print(json);
		Files.createDirectories(out.getParent());
		Files.writeString(out, json);
	}

	static double perTask(int n) throws Exception {
		try (EventLoop loop = EventLoop.create()) {
			Future<Void> gate = loop.createFuture();
			List<Task<Void>> tasks = new ArrayList<>(n);
			long before = usedAfterGc();
			loop.callSoon(() -> {
				for (int i = 0; i < n; i++) {
					tasks.add(loop.createTask(() -> Async.await(gate)));
				}
			});
			// wait until every task has started and suspended on the gate
			loop.run(() -> {
				Async.yieldNow();
				Async.yieldNow();
				return null;
			});
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

	static double perPendingSubscription(int n) {
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

	private static long usedAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		return heap.getUsed();
	}

}
