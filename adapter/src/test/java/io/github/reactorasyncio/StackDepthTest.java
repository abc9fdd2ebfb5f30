package io.github.reactorasyncio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * A coroutine whose recursion reaches the end of its thread's stack while it awaits (issue 11, Core 1): the task
 * fails with the {@link StackOverflowError}, its body runs once, and the loop and every other task go on.
 *
 * <p>Python has no equivalent to copy: a recursion there fails with {@code RecursionError} at a fixed depth, long
 * before the C stack ends. The tests reach the real end of a virtual thread's stack: a recursion that catches the
 * overflow at its deepest frame, then climbs back a chosen number of frames and awaits there, so that the await's
 * hand-off runs with little stack left, a different amount for each climb.
 */
@Timeout(120)
@ExtendWith(LoopPerTest.class)
class StackDepthTest {

	/** A recursion bound far beyond any thread's stack, so that no test can recurse forever. */
	private static final int MAX_DEPTH = 5_000_000;

	private EventLoop loop;

	@BeforeEach
	void setUp(EventLoop loop) throws Exception {
		this.loop = loop;
		// The classes that the tests' own code uses at the end of the stack (Mono.delay's, the recursion's) are
		// initialized here, on a shallow stack: a static initializer that overflows leaves its class unusable for the
		// whole JVM (NoClassDefFoundError ever after), and no library can protect a user's code from that. The
		// library's own classes need no such care: the loop initializes them (EventLoopImpl's static initializer).
		for (Await await : awaits()) {
			loop.run(() -> {
				await.run();
				return awaitNearTheEnd(Integer.MAX_VALUE, () -> { });
			});
		}
	}

	private List<Await> awaits() {
		return List.of(Async::yieldNow, () -> Async.sleep(Duration.ofNanos(1)),
				() -> Async.await(Mono.delay(Duration.ofMillis(1))), this::awaitAFutureCompletedByACallback,
				() -> Async.await(Async.createTask(() -> 1)));
	}

	@FunctionalInterface
	interface Await {
		void run() throws Exception;
	}

	/**
	 * Recurses until the stack overflows (caught at the deepest frame), climbs back {@code climb} frames and
	 * awaits there once; an overflow of the await itself is not caught.
	 *
	 * @return minus how many frames deep the await was
	 */
	static int awaitNearTheEnd(int climb, Await await) throws Exception {
		return new Object() {
			boolean awaited;

			int dive(int depth) throws Exception {
				int left;
				try {
					left = depth < MAX_DEPTH ? dive(depth + 1) : climb;
				}
				catch (StackOverflowError deepest) {
					if (awaited) {
						throw deepest;
					}
					left = climb;
				}
				if (left == 0) {
					awaited = true;
					await.run();
					return -depth;
				}
				return left < 0 ? left : left - 1;
			}
		}.dive(0);
	}

	/** Recurses and yields at every level, with no other work ready: nothing parks, so the stack only grows. */
	static int yieldAtEveryLevel(int depth) {
		Async.yieldNow();
		return depth < MAX_DEPTH ? yieldAtEveryLevel(depth + 1) + 1 : 0;
	}

	@Test
	void aRecursionThatYieldsAtEveryLevelFailsItsTaskWithTheStackOverflowErrorAndTheLoopGoesOn() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		Task<Integer> deep = loop.createTask(() -> {
			runs.incrementAndGet();
			return yieldAtEveryLevel(0);
		});
		Throwable thrown = catchThrowable(() -> loop.run(() -> Async.await(deep)));
		assertThat(thrown).isInstanceOf(StackOverflowError.class);
		assertThat(deep.exception()).isSameAs(thrown);
		assertThat(runs).hasValue(1);
		assertThat(loop.run(() -> Async.sleep(Duration.ofMillis(1), "still usable"))).isEqualTo("still usable");
	}

	/** Recurses {@code depth} frames, then awaits once. */
	static int recurseThenAwait(int depth, Await await) throws Exception {
		if (depth == 0) {
			await.run();
			return 0;
		}
		return recurseThenAwait(depth - 1, await) + 1;
	}

	/**
	 * Recurses {@code depth} frames and sleeps at every level, so that each level parks. This one may well finish: a
	 * parked virtual thread's frames go to the heap, and the JVM brings back only the top few when it resumes, so
	 * a recursion that parks at every level is bounded by the heap more than by the stack.
	 */
	static int sleepAtEveryLevel(int depth) {
		Async.sleep(Duration.ofNanos(1));
		return depth > 0 ? sleepAtEveryLevel(depth - 1) + 1 : 0;
	}

	/*
	 * The programs of issue 11 as reported: two tasks recursing 20,000 frames and then awaiting once, and two that
	 * recurse 50,000 frames and await at every level, next to a ticking task. Each body runs once; each task finishes or fails
	 * with the StackOverflowError; the loop goes on (and LoopPerTest closes it and finds no thread left).
	 */
	@Test
	void theIssuesProgramsFailOnlyTheirOwnTasks() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		AtomicInteger ticks = new AtomicInteger();
		Task<Integer> ticker = loop.createTask(() -> {
			for (int i = 0; i < 100; i++) {
				ticks.incrementAndGet();
				Async.sleep(Duration.ofNanos(1));
			}
			return 100;
		});
		List<Task<Integer>> deep = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			deep.add(loop.createTask(() -> {
				runs.incrementAndGet();
				return recurseThenAwait(20_000, () -> Async.await(Mono.delay(Duration.ofMillis(1))));
			}));
			deep.add(loop.createTask(() -> {
				runs.incrementAndGet();
				return sleepAtEveryLevel(50_000);
			}));
		}
		for (Task<Integer> t : deep) {
			Throwable thrown = catchThrowable(() -> loop.run(() -> Async.await(t)));
			assertThat(t.isDone()).isTrue();
			if (thrown != null) {
				assertThat(thrown).isInstanceOf(StackOverflowError.class);
				assertThat(t.exception()).isSameAs(thrown);
			}
			else {
				assertThat(t.result()).isIn(20_000, 50_000);
			}
		}
		assertThat(runs).hasValue(4);
		assertThat(loop.run(() -> Async.await(ticker))).isEqualTo(100);
		assertThat(ticks).hasValue(100);
		assertThat(loop.run(() -> Async.sleep(Duration.ofMillis(1), "still usable"))).isEqualTo("still usable");
	}

	@Test
	void twoTasksAwaitingAtTheEndOfTheirStacksFailOrFinishAndATickingTaskGoesOn() throws Exception {
		List<Await> awaits = awaits();
		for (int climb : new int[] {0, 1, 2, 5, 10, 20, 50}) {
			for (Await await : awaits) {
				check(climb, await, climb, await);
			}
		}
	}

	/*
	 * With eager tasks, createTask itself hands the loop over (to run the new task's first step) and back: at the
	 * end of the stack it fails, having changed nothing, or works.
	 */
	@Test
	@LoopPerTest.Options(eagerTasks = true)
	void anEagerCreateTaskAtTheEndOfTheStackFailsOrWorks() throws Exception {
		Await finishesAtOnce = () -> Async.await(Async.createTask(() -> 1));
		Await suspendsAtOnce = () -> Async.await(Async.createTask(() -> Async.sleep(Duration.ofNanos(1), 1)));
		for (int climb : new int[] {0, 1, 2, 5, 10, 20, 50}) {
			check(climb, finishesAtOnce, climb, suspendsAtOnce);
		}
	}

	/*
	 * Each seed picks how far from the deepest frame two tasks await, and on what, so that their overflows land at
	 * different points of the hand-off (the probe before it, the hand-off's own calls, the JVM unmounting the
	 * thread); every seed must keep the invariants.
	 */
	@RandomizedTest(seeds = 40)
	void whereverTheOverflowLandsTheBodyRunsOnceAndTheLoopGoesOn(long seed) throws Exception {
		Random random = new Random(seed);
		List<Await> awaits = awaits();
		int rounds = 3;
		for (int i = 0; i < rounds; i++) {
			check(random.nextInt(400), awaits.get(random.nextInt(awaits.size())), random.nextInt(400),
					awaits.get(random.nextInt(awaits.size())));
		}
	}

	private void awaitAFutureCompletedByACallback() throws Exception {
		Future<Integer> f = Async.currentLoop().createFuture();
		Async.currentLoop().callSoon(() -> f.setResult(1));
		Async.await(f);
	}

	/** Two deep tasks and a ticking one, all at once: the invariants of issue 11. */
	private void check(int climbA, Await awaitA, int climbB, Await awaitB) throws Exception {
		AtomicInteger runsA = new AtomicInteger();
		AtomicInteger runsB = new AtomicInteger();
		AtomicInteger ticks = new AtomicInteger();
		Task<Integer> ticker = loop.createTask(() -> {
			for (int i = 0; i < 200; i++) {
				ticks.incrementAndGet();
				Async.sleep(Duration.ofNanos(1));
			}
			return 200;
		});
		Task<Integer> a = loop.createTask(() -> {
			runsA.incrementAndGet();
			return awaitNearTheEnd(climbA, awaitA);
		});
		Task<Integer> b = loop.createTask(() -> {
			runsB.incrementAndGet();
			return awaitNearTheEnd(climbB, awaitB);
		});
		String where = "climbs " + climbA + " and " + climbB;
		for (Task<Integer> t : List.of(a, b)) {
			Throwable thrown = catchThrowable(() -> loop.run(() -> Async.await(t)));
			assertThat(t.isDone()).as(where).isTrue();
			if (thrown != null) {
				assertThat(thrown).as(where).isInstanceOf(StackOverflowError.class);
				assertThat(t.exception()).as(where).isSameAs(thrown);
			}
			else {
				assertThat(t.result()).as(where).isLessThanOrEqualTo(0);
			}
		}
		assertThat(runsA).as(where).hasValue(1);
		assertThat(runsB).as(where).hasValue(1);
		assertThat(loop.run(() -> Async.await(ticker))).as(where).isEqualTo(200);
		assertThat(ticks).as(where).hasValue(200);
		assertThat(loop.run(() -> Async.sleep(Duration.ofMillis(1), "still usable"))).as(where)
				.isEqualTo("still usable");
	}

	private static Throwable catchThrowable(Await call) {
		try {
			call.run();
			return null;
		}
		catch (Throwable e) {
			return e;
		}
	}

	/*
	 * The cause of the hang that had this fix reverted once: Async.await(mono) subscribed before it made sure of the
	 * stack, so Mono.delay's subscription ran ScheduledThreadPoolExecutor.schedule at the very end of the stack, and
	 * an overflow inside the JDK's DelayedWorkQueue.offer (its heap half sifted, its worker never signalled) left one
	 * of Reactor's parallel workers asleep for good with overdue tasks queued: every later Mono.delay given to that
	 * worker, in any test of this JVM, never fired. The awaits here run the JDK's code warm (compiled, as after other
	 * tests), at every climb from the deepest frame; then a Mono.delay on each parallel worker must still fire.
	 */
	@Test
	void awaitsOfAMonoAtTheEndOfTheStackLeaveReactorsSharedSchedulersWorking() throws Exception {
		loop.run(() -> {
			for (int i = 0; i < 20_000; i++) {
				Async.await(Mono.delay(Duration.ZERO));
			}
			return null;
		});
		for (int climb = 0; climb < 300; climb++) {
			int c = climb;
			AtomicInteger runs = new AtomicInteger();
			Task<Integer> t = loop.createTask(() -> {
				runs.incrementAndGet();
				return awaitNearTheEnd(c, () -> Async.await(Mono.delay(Duration.ofMillis(1))));
			});
			Throwable thrown = catchThrowable(() -> loop.run(() -> Async.await(t)));
			if (thrown != null) {
				assertThat(thrown).as("climb " + c).isInstanceOf(StackOverflowError.class);
			}
			assertThat(runs).as("climb " + c).hasValue(1);
		}
		for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors() + 2; i++) {
			assertThat(Mono.delay(Duration.ofMillis(1)).block(Duration.ofSeconds(10))).isZero();
		}
	}

	@Test
	void anAwaitFailedForLackOfStackLeavesTheAwaitedFutureUsable() throws Exception {
		// the failed await neither completes nor cancels the future it was to wait for
		Future<String> f = loop.createFuture();
		AtomicInteger runs = new AtomicInteger();
		Task<Integer> t = loop.createTask(() -> {
			runs.incrementAndGet();
			return awaitNearTheEnd(0, () -> Async.await(f));
		});
		assertThatThrownBy(() -> loop.run(() -> Async.await(t))).isInstanceOf(StackOverflowError.class);
		assertThat(runs).hasValue(1);
		assertThat(f.isDone()).isFalse();
		loop.callSoon(() -> f.setResult("late"));
		assertThat(loop.run(() -> Async.await(f))).isEqualTo("late");
		if (!t.isDone()) {
			fail("the task is not done");
		}
	}
}
