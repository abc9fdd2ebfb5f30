package io.github.reactorasyncio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.reactorasyncio.internal.EventLoopImpl;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/** Scheduling invariants of the loop over random schedules (seeded: see {@link RandomizedTest}). */
@ExtendWith(LoopPerTest.class)
class SchedulingPropertiesTest {

	/** What a step of the generated program does. */
	enum Op { CALL_SOON, CREATE_TASK, YIELD }

	@RandomizedTest(seeds = 100)
	void readyWorkRunsInTheOrderItWasScheduled(long seed, EventLoop loop) throws Exception {
		Random random = new Random(seed);
		List<Op> ops = new ArrayList<>();
		for (int i = random.nextInt(61); i > 0; i--) {
			ops.add(Op.values()[random.nextInt(Op.values().length)]);
		}
		List<Integer> scheduled = new ArrayList<>();
		List<Integer> ran = new ArrayList<>();
		try (loop) {
			loop.run(() -> {
				int id = 0;
				for (Op op : ops) {
					int n = id++;
					switch (op) {
						case CALL_SOON -> {
							scheduled.add(n);
							Async.currentLoop().callSoon(() -> ran.add(n));
						}
						case CREATE_TASK -> {
							scheduled.add(n);
							Async.createTask(() -> ran.add(n));
						}
						case YIELD -> Async.yieldNow();
					}
				}
				Async.yieldNow();
				return null;
			});
		}
		assertThat(ran).isEqualTo(scheduled);
	}

	@RandomizedTest(seeds = 50)
	@LoopPerTest.Options(virtualTime = true)
	void timersFireInDeadlineOrderTiesFifo(long seed, EventLoop loop, VirtualTimeScheduler clock) throws Exception {
		Random random = new Random(seed);
		List<Integer> delays = new ArrayList<>();
		for (int i = random.nextInt(1, 41); i > 0; i--) {
			delays.add(random.nextInt(21));
		}
		List<Integer> fired = new ArrayList<>();
		try (loop) {
			for (int i = 0; i < delays.size(); i++) {
				int n = i;
				loop.callLater(Duration.ofSeconds(delays.get(i)), () -> fired.add(n));
			}
			((EventLoopImpl) loop).awaitIdle();
			clock.advanceTimeBy(Duration.ofSeconds(21));
		}
		List<Integer> expected = IntStream.range(0, delays.size()).boxed()
				.sorted(Comparator.comparing(delays::get)).toList();
		assertThat(fired).isEqualTo(expected);
	}

	/**
	 * Sleeps are timers of their own kind ({@code SleepAwaiter}, which keeps its sequence number in its state word):
	 * sleeping tasks wake in deadline order, ties in the order they fell asleep, with {@code callLater} timers
	 * taking sequence numbers in between.
	 */
	@RandomizedTest(seeds = 50)
	@LoopPerTest.Options(virtualTime = true)
	void sleepsWakeInDeadlineOrderTiesFifo(long seed, EventLoop loop, VirtualTimeScheduler clock)
			throws Exception {
		Random random = new Random(seed);
		List<Integer> delays = new ArrayList<>();
		for (int i = random.nextInt(1, 41); i > 0; i--) {
			delays.add(random.nextInt(1, 6));
		}
		List<Integer> fired = new ArrayList<>();
		List<Task<Boolean>> sleepers = new ArrayList<>();
		try (loop) {
			loop.run(() -> {
				for (int i = 0; i < delays.size(); i++) {
					int n = i;
					Duration d = Duration.ofSeconds(delays.get(i));
					if (random.nextBoolean()) {
						Async.currentLoop().callLater(d, () -> { });
					}
					sleepers.add(Async.createTask(() -> {
						Async.sleep(d);
						return fired.add(n);
					}));
					Async.yieldNow(); // the task falls asleep now, before the next one
				}
				return null;
			});
			clock.advanceTimeBy(Duration.ofSeconds(6));
			loop.run(() -> {
				for (Task<Boolean> t : sleepers) {
					Async.await(t);
				}
				return null;
			});
		}
		List<Integer> expected = IntStream.range(0, delays.size()).boxed()
				.sorted(Comparator.comparing(delays::get)).toList();
		assertThat(fired).isEqualTo(expected);
	}

	@RandomizedTest(seeds = 30)
	void interleavedTasksTakeStrictTurns(long seed) throws Exception {
		Random random = new Random(seed);
		int tasks = random.nextInt(1, 7);
		int rounds = random.nextInt(1, 21);
		List<Integer> order = new ArrayList<>();
		Async.run(() -> {
			List<Task<Void>> all = new ArrayList<>();
			for (int t = 0; t < tasks; t++) {
				int n = t;
				all.add(Async.createTask(() -> {
					for (int r = 0; r < rounds; r++) {
						order.add(n);
						Async.yieldNow();
					}
					return null;
				}));
			}
			for (Task<Void> t : all) {
				Async.await(t);
			}
			return null;
		});
		List<Integer> expected = new ArrayList<>();
		for (int r = 0; r < rounds; r++) {
			for (int t = 0; t < tasks; t++) {
				expected.add(t);
			}
		}
		assertThat(order).isEqualTo(expected);
	}

	/** What happens to one awaiting task: its source completes, it is cancelled, or both in some order. */
	enum Fate { COMPLETE, CANCEL, COMPLETE_THEN_CANCEL, CANCEL_THEN_COMPLETE, NOTHING }

	@RandomizedTest(seeds = 40)
	void noTaskResumesTwiceAndNothingIsLeftPending(long seed, EventLoop loop) throws Exception {
		Random random = new Random(seed);
		List<Fate> fates = new ArrayList<>();
		for (int i = random.nextInt(1, 51); i > 0; i--) {
			fates.add(Fate.values()[random.nextInt(Fate.values().length)]);
		}
		int n = fates.size();
		AtomicInteger[] resumes = new AtomicInteger[n];
		List<Sinks.One<Integer>> sinks = new ArrayList<>();
		List<Task<Integer>> tasks = new ArrayList<>();
		loop.run(() -> {
			for (int i = 0; i < n; i++) {
				resumes[i] = new AtomicInteger();
				Sinks.One<Integer> sink = Sinks.one();
				sinks.add(sink);
				AtomicInteger counter = resumes[i];
				tasks.add(Async.createTask(() -> {
					try {
						return Async.await(sink.asMono());
					}
					finally {
						counter.incrementAndGet();
					}
				}));
			}
			Async.yieldNow();
			for (int i = 0; i < n; i++) {
				switch (fates.get(i)) {
					case COMPLETE -> sinks.get(i).tryEmitValue(i);
					case CANCEL -> tasks.get(i).cancel();
					case COMPLETE_THEN_CANCEL -> {
						sinks.get(i).tryEmitValue(i);
						tasks.get(i).cancel();
					}
					case CANCEL_THEN_COMPLETE -> {
						tasks.get(i).cancel();
						sinks.get(i).tryEmitValue(i);
					}
					case NOTHING -> {
					}
				}
			}
			Async.sleep(Duration.ofMillis(1));
			return null;
		});
		loop.close();
		for (int i = 0; i < n; i++) {
			Task<Integer> t = tasks.get(i);
			assertThat(t.isDone()).isTrue();
			assertThat(resumes[i]).hasValue(1);
			if (fates.get(i) == Fate.COMPLETE) {
				assertThat(t.result()).isEqualTo(i);
			}
			else {
				assertThat(t.isCancelled()).isTrue();
			}
		}
	}
}
