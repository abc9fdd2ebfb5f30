package io.github.reactorasyncio.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

	private MemoryPerTask() {
	}

	public static void main(String[] args) throws Exception {
		int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		Path out = Path.of(args.length > 1 ? args[1] : "benchmarks/results/memory.json");
		double task = perTask(n);
		double vthread = perParkedVirtualThread(n);
		double subscription = perPendingSubscription(n);
		String json = String.format(Locale.ROOT, "{\"suspendedTasks\": %d, \"bytesPerSuspendedTask\": %.0f, "
				+ "\"bytesPerParkedVirtualThread\": %.0f, \"bytesPerPendingReactorSubscription\": %.0f}%n",
				n, task, vthread, subscription);
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
