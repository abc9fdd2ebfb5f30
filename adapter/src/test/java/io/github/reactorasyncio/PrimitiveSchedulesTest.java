package io.github.reactorasyncio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import io.github.reactorasyncio.internal.EventLoopImpl;
import org.junit.jupiter.api.Timeout;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of the primitives over random schedules of tasks, sleeps, yields and cancels: at most the
 * allowed holders at once, no step running while another is (a task resumed twice would), FIFO grants,
 * no lost wake-up (every task ends), no lost or duplicated queue item, nothing left after close.
 *
 * <p>Each seed is one reproducible schedule: the program runs on a loop with a virtual clock that the
 * test advances a millisecond at a time (bounded), so a run never waits for real time, and a run that
 * is not done once every sleep is long over is a lost wake-up. The schedules are generated from seeded
 * {@link Random}s (see {@link RandomizedTest}: a failure prints its seed, {@code -Dseed=S} replays it).
 */
@Timeout(60)
class PrimitiveSchedulesTest {

	/** A schedule's shared state: what the tasks record. Loop-confined, so plain fields suffice. */
	private static final class Run {
		final Random random;
		final List<Integer> granted = new ArrayList<>();
		int tickets;
		int holders;
		int maxHolders;
		/** The task whose step is executing, as the tasks themselves see it: never two at once. */
		Task<?> stepping;

		Run(long seed) {
			this.random = new Random(seed);
		}

		/** A random suspension: none, a yield, or a sleep of 1 to 3 virtual ms. */
		void pause() {
			int p = random.nextInt(4);
			if (p == 1) {
				suspend(() -> Async.yieldNow());
			}
			else if (p >= 2) {
				suspend(() -> Async.sleep(Duration.ofMillis(p - 1)));
			}
		}

		/** Runs a suspending call, checking that no other task's step ran inside this one's. */
		void suspend(Runnable suspension) {
			leave();
			try {
				suspension.run();
			}
			finally {
				enter();
			}
		}

		void enter() {
			Task<?> me = Async.currentTask();
			assertThat(stepping).as("a step began while %s's step was running", stepping).isNull();
			stepping = me;
		}

		void leave() {
			assertThat(stepping).isSameAs(Async.currentTask());
			stepping = null;
		}
	}

	/** Runs the program on a virtual-clock loop; fails if it is not done after 5 virtual seconds. */
	private static <T> T runBounded(Coroutine<T> program) throws Exception {
		VirtualTimeScheduler clock = VirtualTimeScheduler.create();
		EventLoopImpl loop = (EventLoopImpl) EventLoop.create(clock);
		try {
			CompletableFuture<T> result = Async.mono(loop, () -> {
				T value = program.call();
				assertThat(((EventLoopImpl) Async.currentLoop()).allTasks()).as("tasks left pending")
						.containsExactly(Async.currentTask());
				return value;
			}).toFuture();
			for (int ms = 0; ms < 5_000 && !result.isDone(); ms++) {
				loop.awaitIdle();
				clock.advanceTimeBy(Duration.ofMillis(1));
			}
			assertThat(result).as("a task still waits after every sleep ended: a lost wake-up").isDone();
			return result.join();
		}
		finally {
			loop.close();
			clock.dispose();
			assertThat(loop.liveThreads()).as("threads left after close").isZero();
		}
	}

	/** Starts n tasks that each acquire and release {@code rounds} times, and cancels some at random. */
	private static void contend(Run run, int n, int cancels, java.util.function.Supplier<Held> acquire)
			throws Exception {
		List<Task<Void>> tasks = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			int rounds = 1 + run.random.nextInt(4);
			tasks.add(Async.createTask(() -> {
				run.enter();
				try {
					for (int k = 0; k < rounds; k++) {
						run.pause();
						int ticket = run.tickets++;
						Held held = acquireTracked(run, acquire);
						run.granted.add(ticket);
						run.holders++;
						run.maxHolders = Math.max(run.maxHolders, run.holders);
						try {
							run.pause();
						}
						finally {
							run.holders--;
							held.close();
						}
					}
				}
				finally {
					run.leave();
				}
				return null;
			}));
		}
		run.enter();
		for (int c = 0; c < cancels; c++) {
			run.pause();
			tasks.get(run.random.nextInt(n)).cancel();
		}
		for (Task<Void> t : tasks) {
			run.suspend(() -> {
				try {
					Async.await(t);
				}
				catch (CancelledError expected) {
					// a cancelled task is one of the schedule's events
				}
				catch (Exception e) {
					throw new AssertionError(e);
				}
			});
		}
		run.leave();
	}

	private static Held acquireTracked(Run run, java.util.function.Supplier<Held> acquire) {
		Held[] held = new Held[1];
		run.suspend(() -> held[0] = acquire.get());
		return held[0];
	}

	@RandomizedTest(seeds = 120)
	void lockGrantsOneHolderAtATimeInRequestOrder(long seed) throws Exception {
		Run run = new Run(seed);
		Lock lock = Lock.create();
		runBounded(() -> {
			contend(run, 2 + run.random.nextInt(6), run.random.nextInt(4), lock::acquire);
			return null;
		});
		assertThat(run.maxHolders).isLessThanOrEqualTo(1);
		assertThat(run.granted).as("grants in request order").isSorted();
		assertThat(lock.state()).isEqualTo(Lock.State.UNLOCKED);
		assertThat(lock).hasToString("Lock[UNLOCKED, waiters=0]");
	}

	@RandomizedTest(seeds = 120)
	void semaphoreGrantsAtMostItsPermitsInRequestOrder(long seed) throws Exception {
		Run run = new Run(seed);
		int permits = 1 + run.random.nextInt(3);
		BoundedSemaphore sem = BoundedSemaphore.create(permits);
		runBounded(() -> {
			contend(run, 2 + run.random.nextInt(6), run.random.nextInt(4), sem::acquire);
			return null;
		});
		assertThat(run.maxHolders).isLessThanOrEqualTo(permits);
		assertThat(run.granted).as("grants in request order").isSorted();
		assertThat(sem.value()).as("every permit back, once").isEqualTo(permits);
	}

	@RandomizedTest(seeds = 120)
	void queueLosesNoItemDuplicatesNoneAndKeepsFifoOrder(long seed) throws Exception {
		Run run = new Run(seed);
		Queue<Integer> q = Queue.create(run.random.nextInt(4));
		List<Integer> put = new ArrayList<>();
		List<Integer> got = new ArrayList<>();
		runBounded(() -> {
			run.enter();
			List<Task<Void>> producers = new ArrayList<>();
			List<Task<Void>> consumers = new ArrayList<>();
			int nProducers = 1 + run.random.nextInt(3);
			int nConsumers = 1 + run.random.nextInt(3);
			for (int p = 0; p < nProducers; p++) {
				int items = run.random.nextInt(8);
				int base = p * 100;
				producers.add(Async.createTask(() -> {
					run.enter();
					try {
						for (int i = 0; i < items; i++) {
							run.pause();
							int item = base + i;
							run.suspend(() -> q.put(item));
							put.add(item);
						}
					}
					finally {
						run.leave();
					}
					return null;
				}));
			}
			for (int c = 0; c < nConsumers; c++) {
				consumers.add(Async.createTask(() -> {
					run.enter();
					try {
						for (;;) {
							int[] item = new int[1];
							run.suspend(() -> item[0] = q.get());
							got.add(item[0]);
							run.pause();
						}
					}
					catch (QueueShutDownException end) {
						return null;
					}
					finally {
						run.leave();
					}
				}));
			}
			// cancel producers and consumers at random, sparing the last consumer: with none left, a producer
			// blocked on a full queue would wait by design, not by a lost wake-up
			List<Task<Void>> cancellable = new ArrayList<>(producers);
			cancellable.addAll(consumers.subList(1, consumers.size()));
			int cancels = run.random.nextInt(3);
			for (int c = 0; c < cancels; c++) {
				run.pause();
				cancellable.get(run.random.nextInt(cancellable.size())).cancel();
			}
			for (Task<Void> t : producers) {
				awaitQuietly(run, t);
			}
			q.shutdown();
			for (Task<Void> t : consumers) {
				awaitQuietly(run, t);
			}
			while (!q.empty()) {
				got.add(q.getNowait());
			}
			run.leave();
			return null;
		});
		assertThat(got).as("every item put comes out exactly once").containsExactlyInAnyOrderElementsOf(put);
		assertThat(got).as("in the order they were put").containsExactlyElementsOf(put);
	}

	@RandomizedTest(seeds = 120)
	void conditionNeverLosesANotificationToACancelledWaiter(long seed) throws Exception {
		Run run = new Run(seed);
		Condition cond = Condition.create();
		int waiters = 2 + run.random.nextInt(5);
		int signals = 1 + run.random.nextInt(waiters);
		int[] tokens = {0};
		boolean[] closing = {false};
		List<Integer> served = new ArrayList<>();
		// the waiters parked in the condition, in the order they parked: the head is who signal() picks
		List<Integer> parked = new ArrayList<>();
		List<String> stranded = new ArrayList<>();
		runBounded(() -> {
			run.enter();
			List<Task<Void>> tasks = new ArrayList<>();
			for (int w = 0; w < waiters; w++) {
				int id = w;
				tasks.add(Async.createTask(() -> {
					run.enter();
					try {
						run.pause();
						run.suspend(cond::acquire);
						try {
							run.suspend(() -> cond.awaitFor(() -> {
								parked.remove((Integer) id);
								if (tokens[0] > 0 || closing[0]) {
									return true;
								}
								parked.add(id);
								return false;
							}));
							if (tokens[0] > 0) {
								tokens[0]--;
								served.add(id);
							}
						}
						finally {
							cond.release();
						}
					}
					catch (CancelledError e) {
						parked.remove((Integer) id);
						throw e;
					}
					finally {
						run.leave();
					}
					return null;
				}));
			}
			// fewer signals than waiters, one token each: a notification picked by a waiter that is then
			// cancelled must reach another parked waiter, or a token stays unclaimed while someone waits
			Task<Void> notifier = Async.createTask(() -> {
				run.enter();
				try {
					for (int t = 0; t < signals; t++) {
						run.pause();
						run.suspend(cond::acquire);
						tokens[0]++;
						cond.signal();
						if (!parked.isEmpty() && run.random.nextInt(3) == 0) {
							tasks.get(parked.get(0)).cancel(); // the waiter just picked by signal()
						}
						cond.release();
					}
				}
				finally {
					run.leave();
				}
				return null;
			});
			int cancels = run.random.nextInt(3);
			for (int c = 0; c < cancels; c++) {
				run.pause();
				tasks.get(run.random.nextInt(waiters)).cancel();
			}
			awaitQuietly(run, notifier);
			// every pause is at most 3 ms: after 50 ms only parked waiters are left
			run.suspend(() -> Async.sleep(Duration.ofMillis(50)));
			if (tokens[0] > 0 && !parked.isEmpty()) {
				stranded.add(tokens[0] + " token(s) unclaimed while waiters " + parked + " wait");
			}
			closing[0] = true;
			run.suspend(cond::acquire);
			cond.signalAll();
			cond.release();
			for (Task<Void> t : tasks) {
				awaitQuietly(run, t);
			}
			run.leave();
			return null;
		});
		assertThat(stranded).as("lost notifications").isEmpty();
		assertThat(served).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(signals);
		assertThat(tokens[0] + served.size()).isEqualTo(signals);
		assertThat(cond.locked()).isFalse();
	}

	private static void awaitQuietly(Run run, Task<?> t) {
		run.suspend(() -> {
			try {
				Async.await(t);
			}
			catch (CancelledError expected) {
				// cancelled by the schedule
			}
			catch (Exception e) {
				throw new AssertionError(e);
			}
		});
	}
}
