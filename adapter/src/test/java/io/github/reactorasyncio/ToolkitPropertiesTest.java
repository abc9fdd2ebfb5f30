package io.github.reactorasyncio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import io.github.reactorasyncio.internal.EventLoopImpl;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random schedules of tasks that sleep, cancel each other and run blocks under timeouts, on a virtual-time
 * loop (no real waiting): nothing resumes twice, every timeout fires once or not at all and never swallows an
 * outside cancel, gather keeps argument order, and nothing is left pending once the loop is closed. Seeded: see
 * {@link RandomizedTest}.
 */
@ExtendWith(LoopPerTest.class)
class ToolkitPropertiesTest {

	/** One step of a generated task. */
	sealed interface Op permits Sleep, Cancel, TimeoutBlock {
	}

	/** {@code Async.sleep(ms)}; zero is a yield. */
	record Sleep(int ms) implements Op {
	}

	/** Cancel another task of the schedule (a no-op when it names the task itself). */
	record Cancel(int target) implements Op {
	}

	/** {@code Timeout.after(limitMs).run(sleeps)}, catching the TimeoutException. */
	record TimeoutBlock(int limitMs, List<Integer> sleeps) implements Op {
	}

	/** What one timeout block observed. */
	static final class TimeoutRecord {
		final int task;
		int timeoutExceptions;
		boolean completed;
		boolean expired;

		TimeoutRecord(int task) {
			this.task = task;
		}
	}

	/** A schedule: 1 to 5 tasks, each of up to 6 ops. */
	static List<List<Op>> schedule(Random random) {
		int n = random.nextInt(1, 6);
		List<List<Op>> schedule = new ArrayList<>();
		for (int t = 0; t < n; t++) {
			List<Op> ops = new ArrayList<>();
			for (int k = random.nextInt(7); k > 0; k--) {
				ops.add(op(random, n));
			}
			schedule.add(ops);
		}
		return schedule;
	}

	/** A sleep of 0 to 5 ms, a cancel of any task, or a timeout of 0 to 5 ms around 1 to 3 such sleeps. */
	private static Op op(Random random, int tasks) {
		return switch (random.nextInt(3)) {
			case 0 -> new Sleep(random.nextInt(6));
			case 1 -> new Cancel(random.nextInt(tasks));
			default -> {
				int limit = random.nextInt(6);
				List<Integer> sleeps = new ArrayList<>();
				for (int i = random.nextInt(1, 4); i > 0; i--) {
					sleeps.add(random.nextInt(6));
				}
				yield new TimeoutBlock(limit, sleeps);
			}
		};
	}

	@RandomizedTest(seeds = 100)
	@LoopPerTest.Options(virtualTime = true)
	void randomSchedulesKeepTheInvariants(long seed, EventLoop loop, VirtualTimeScheduler clock) throws Exception {
		List<List<Op>> schedule = schedule(new Random(seed));
		int n = schedule.size();
		List<int[]> resumes = new ArrayList<>();
		List<TimeoutRecord> timeouts = new ArrayList<>();
		boolean[] cancelledFromOutside = new boolean[n];
		List<Task<Integer>> tasks = new ArrayList<>();
		List<Object> gathered = new ArrayList<>();
		Task<?>[] orphan = new Task<?>[1];
		Task<Object> main;
		try {
			main = loop.createTask(() -> {
				for (int i = 0; i < n; i++) {
					tasks.add(Async.createTask(body(i, schedule.get(i), tasks, resumes, timeouts, cancelledFromOutside)));
				}
				orphan[0] = Async.createTask(() -> {
					Async.sleep(Duration.ofDays(1));
					return null;
				});
				gathered.addAll(Async.gatherReturnExceptions(tasks));
				return null;
			});
			((EventLoopImpl) loop).awaitIdle();
			for (int i = 0; i < 5_000 && !main.isDone(); i++) {
				clock.advanceTimeBy(Duration.ofMillis(1));
			}
		}
		finally {
			loop.close();
		}

		assertThat(main.isDone()).as("the schedule finished").isTrue();
		assertThat(main.exception()).isNull();

		// no task resumes twice: each task's resumes are its ops in strictly increasing order
		for (int i = 0; i < n; i++) {
			int task = i;
			List<Integer> ks = resumes.stream().filter(r -> r[0] == task).map(r -> r[1]).toList();
			for (int j = 1; j < ks.size(); j++) {
				assertThat(ks.get(j)).as("resumes of task %d: %s", task, ks).isGreaterThan(ks.get(j - 1));
			}
		}

		// every timeout fires once or not at all, and only an expired one throws TimeoutException
		for (TimeoutRecord t : timeouts) {
			assertThat(t.timeoutExceptions).isBetween(0, 1);
			if (t.timeoutExceptions == 1) {
				assertThat(t.expired).isTrue();
				assertThat(t.completed).isFalse();
			}
			if (!t.expired) {
				assertThat(t.timeoutExceptions).isZero();
			}
			else if (!cancelledFromOutside[t.task]) {
				assertThat(t.timeoutExceptions).as("an expired timeout of a task nobody else cancelled").isOne();
			}
		}

		// an outside cancel is never swallowed, not even by a timeout expiring at the same time
		for (int i = 0; i < n; i++) {
			if (cancelledFromOutside[i]) {
				assertThat(tasks.get(i).isCancelled()).as("task %d was cancelled from outside", i).isTrue();
			}
		}

		// gather keeps argument order
		assertThat(gathered).hasSize(n);
		for (int i = 0; i < n; i++) {
			if (tasks.get(i).isCancelled()) {
				assertThat(gathered.get(i)).isInstanceOf(CancelledError.class);
			}
			else {
				assertThat(gathered.get(i)).isEqualTo(i);
			}
		}

		// nothing is left pending once the loop is closed
		assertThat(tasks).allMatch(Future::isDone);
		assertThat(orphan[0].isCancelled()).isTrue();
	}

	private static Coroutine<Integer> body(int self, List<Op> ops, List<Task<Integer>> tasks, List<int[]> resumes,
			List<TimeoutRecord> timeouts, boolean[] cancelledFromOutside) {
		return () -> {
			for (int k = 0; k < ops.size(); k++) {
				switch (ops.get(k)) {
					case Sleep s -> Async.sleep(Duration.ofMillis(s.ms()));
					case Cancel c -> {
						// a cancel the task requests of itself before entering a timeout may, as in CPython, be
						// taken for the timeout's own; the property is about cancels from outside
						if (c.target() != self && tasks.get(c.target()).cancel()) {
							cancelledFromOutside[c.target()] = true;
						}
					}
					case TimeoutBlock b -> {
						TimeoutRecord record = new TimeoutRecord(self);
						timeouts.add(record);
						Timeout timeout = Timeout.after(Duration.ofMillis(b.limitMs()));
						try {
							timeout.run(() -> {
								for (int ms : b.sleeps()) {
									Async.sleep(Duration.ofMillis(ms));
								}
								return null;
							});
							record.completed = true;
						}
						catch (TimeoutException e) {
							record.timeoutExceptions++;
						}
						finally {
							record.expired = timeout.expired();
						}
					}
				}
				resumes.add(new int[] {self, k});
			}
			return self;
		};
	}

	@RandomizedTest(seeds = 50)
	@LoopPerTest.Options(virtualTime = true)
	void gatherReturnsResultsInArgumentOrderWhateverTheCompletionOrder(long seed, EventLoop loop,
			VirtualTimeScheduler clock) throws Exception {
		Random random = new Random(seed);
		List<Integer> delays = new ArrayList<>();
		for (int i = random.nextInt(1, 13); i > 0; i--) {
			delays.add(random.nextInt(11));
		}
		List<Integer> results = new ArrayList<>();
		List<Integer> completionOrder = new ArrayList<>();
		try (loop) {
			Task<Object> main = loop.createTask(() -> {
				List<Task<Integer>> tasks = new ArrayList<>();
				for (int i = 0; i < delays.size(); i++) {
					int n = i;
					tasks.add(Async.createTask(() -> {
						Async.sleep(Duration.ofMillis(delays.get(n)));
						completionOrder.add(n);
						return n;
					}));
				}
				results.addAll(Async.gather(tasks));
				return null;
			});
			((EventLoopImpl) loop).awaitIdle();
			for (int i = 0; i < 100 && !main.isDone(); i++) {
				clock.advanceTimeBy(Duration.ofMillis(1));
			}
			assertThat(main.isDone()).isTrue();
		}
		assertThat(results).isEqualTo(IntStream.range(0, delays.size()).boxed().toList());
		assertThat(completionOrder).containsExactlyInAnyOrderElementsOf(results);
	}
}
