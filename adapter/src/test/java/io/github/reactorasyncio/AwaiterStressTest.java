package io.github.reactorasyncio;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The awaiter's suspend/resume decision under contention (issue 11, "proof beyond unit tests"): a value
 * arrives from another thread at any moment, the task suspends on the loop, and a cancel comes from another
 * coroutine or another thread, all racing. Each value is a resource: whatever the interleaving it must end
 * exactly once, either taken by its task or closed as discarded (by the awaiter, or by the producer whose
 * completion lost to a cancel): nothing resumes twice, nothing is lost. Each body runs once and each task ends
 * once. Seeded: a failure names the seed that replays it (see {@link RandomizedTest}); threads make the
 * interleavings vary between runs of one seed, the seed fixes the program.
 */
@Timeout(120)
class AwaiterStressTest {

	/** A value whose end is counted: taken by the task, or closed as discarded. */
	static final class Resource implements AutoCloseable {
		final AtomicInteger ends = new AtomicInteger();
		final AtomicInteger closed = new AtomicInteger();

		void take() {
			ends.incrementAndGet();
		}

		@Override
		public void close() {
			closed.incrementAndGet();
			ends.incrementAndGet();
		}
	}

	/** How one task's await is raced. */
	record Plan(boolean loopFuture, int producerSpins, int cancelSpins, boolean cancelFromThread, boolean cancel) {
	}

	@RandomizedTest(seeds = 20)
	void everyValueEndsExactlyOnceWhateverWinsTheRace(long seed) throws Exception {
		Random random = new Random(seed);
		int n = StressSize.of(2_000, 200);
		List<Plan> plans = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			plans.add(new Plan(random.nextBoolean(), random.nextInt(2_000), random.nextInt(2_000), random.nextBoolean(),
					random.nextInt(3) > 0));
		}
		List<Resource> resources = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			resources.add(new Resource());
		}
		AtomicInteger bodyRuns = new AtomicInteger();
		AtomicInteger taken = new AtomicInteger();
		AtomicInteger cancelled = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try (EventLoop loop = EventLoop.create()) {
			loop.run(() -> {
				List<Task<Object>> tasks = new ArrayList<>();
				CountDownLatch producersDone = new CountDownLatch(n);
				for (int i = 0; i < n; i++) {
					Plan p = plans.get(i);
					Resource r = resources.get(i);
					Future<Resource> future = p.loopFuture() ? Async.currentLoop().createFuture() : null;
					CompletableFuture<Resource> stage = p.loopFuture() ? null : new CompletableFuture<>();
					Task<Object> t = Async.createTask(() -> {
						bodyRuns.incrementAndGet();
						try {
							Resource got = future != null ? Async.await(future) : Async.await(stage);
							got.take();
							taken.incrementAndGet();
						}
						catch (CancelledError e) {
							cancelled.incrementAndGet();
							throw e;
						}
						return null;
					});
					tasks.add(t);
					threads.execute(() -> {
						spin(p.producerSpins());
						boolean delivered;
						if (future != null) {
							try {
								future.setResult(r);
								delivered = true;
							}
							catch (InvalidStateException lostToCancel) {
								delivered = false;
							}
						}
						else {
							delivered = stage.complete(r);
						}
						if (!delivered) {
							r.close();
						}
						producersDone.countDown();
					});
					if (p.cancel()) {
						if (p.cancelFromThread()) {
							threads.execute(() -> {
								spin(p.cancelSpins());
								t.cancel();
							});
						}
						else {
							Async.createTask(() -> {
								spin(p.cancelSpins());
								t.cancel();
								return null;
							});
						}
					}
					if (i % 16 == 0) {
						Async.yieldNow();
					}
				}
				for (Task<Object> t : tasks) {
					try {
						Async.await(t);
					}
					catch (CancelledError expected) {
						// one of the outcomes counted below
					}
				}
				Async.toThread(() -> producersDone.await(60, TimeUnit.SECONDS));
				return null;
			});
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(bodyRuns).hasValue(n);
		assertThat(taken.get() + cancelled.get()).isEqualTo(n);
		for (int i = 0; i < n; i++) {
			assertThat(resources.get(i).ends).as("ends of value %d (%s)", i, plans.get(i)).hasValue(1);
		}
	}

	private static void spin(int spins) {
		for (int i = 0; i < spins; i++) {
			Thread.onSpinWait();
		}
	}
}
