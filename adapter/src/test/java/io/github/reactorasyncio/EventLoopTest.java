package io.github.reactorasyncio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.github.reactorasyncio.internal.EventLoopImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.test.util.LoggerUtils;
import reactor.test.util.TestLogger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
@ExtendWith(LoopPerTest.class)
class EventLoopTest {

	@RegisterExtension
	final Steps steps = new Steps();

	@LoopPerTest.Loop
	private EventLoop loop;

	@BeforeAll
	static void captureLogs() {
		LoggerUtils.useCurrentLoggersWithCapture();
	}

	@Test
	void callbacksRunFifo() throws Exception {
		List<Integer> order = Collections.synchronizedList(new ArrayList<>());
		CountDownLatch done = new CountDownLatch(1);
		for (int i = 0; i < 100; i++) {
			int n = i;
			loop.callSoon(() -> order.add(n));
		}
		loop.callSoon(done::countDown);
		done.await();
		assertThat(order).hasSize(100).isSorted();
	}

	@Test
	void timersFireInDeadlineOrderWithTiesFifo() throws Exception {
		List<String> order = new ArrayList<>();
		loop.run(() -> {
			EventLoop l = Async.currentLoop();
			long base = l.time() + Duration.ofMillis(5).toNanos();
			l.callAt(base + 2_000_000, () -> order.add("c"));
			l.callAt(base, () -> order.add("a1"));
			l.callAt(base + 1_000_000, () -> order.add("b"));
			l.callAt(base, () -> order.add("a2"));
			Disposable cancelled = l.callAt(base, () -> order.add("cancelled"));
			cancelled.dispose();
			Async.sleep(Duration.ofMillis(10));
			return null;
		});
		assertThat(order).containsExactly("a1", "a2", "b", "c");
	}

	@Test
	void callLaterWaitsForItsDelayOnTheLoopClock() throws Exception {
		long[] fired = new long[2];
		loop.run(() -> {
			EventLoop l = Async.currentLoop();
			fired[0] = l.time();
			Future<Void> f = l.createFuture();
			l.callLater(Duration.ofMillis(15), () -> {
				fired[1] = l.time();
				f.setResult(null);
			});
			return Async.await(f);
		});
		assertThat(fired[1] - fired[0]).isGreaterThanOrEqualTo(Duration.ofMillis(15).toNanos());
	}

	@Test
	void callbackExceptionsGoToTheHandlerAndTheLoopGoesOn() throws Exception {
		RuntimeException boom = new RuntimeException("callback failed");
		CompletableFuture<ExceptionContext> seen = new CompletableFuture<>();
		loop.setExceptionHandler(seen::complete);
		loop.callSoon(() -> {
			throw boom;
		});
		assertThat(loop.run(() -> "still running")).isEqualTo("still running");
		assertThat(seen.join().exception()).isSameAs(boom);
		assertThat(seen.join().message()).contains("Exception in callback");
	}

	@Test
	void aClosedLoopRefusesWorkWithAnErrorThatSaysWhatToDo() {
		loop.close();
		assertThat(loop.isClosed()).isTrue();
		assertThat(loop.isRunning()).isFalse();
		assertThatThrownBy(() -> loop.callSoon(() -> {
		})).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed")
				.hasMessageContaining("EventLoop.create()");
		assertThatThrownBy(() -> loop.createTask(() -> 1)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> loop.run(() -> 1)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> loop.callLater(Duration.ZERO, () -> {
		})).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(loop::createFuture).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> loop.schedule(() -> {
		})).isInstanceOf(RejectedExecutionException.class);
		loop.close(); // idempotent
	}

	@Test
	void closeCancelsWhatIsLeftAndLetsItCleanUp() throws Exception {
		Task<Object> suspended = loop.createTask(() -> {
			try {
				return Async.await(Mono.never());
			}
			catch (CancelledError e) {
				Async.sleep(Duration.ofMillis(1));
				steps.add("cleaned up");
				throw e;
			}
		});
		loop.callLater(Duration.ofHours(1), () -> steps.add("timer never fires"));
		loop.run(() -> null);
		loop.close();
		assertThat(suspended.isCancelled()).isTrue();
		assertThat(steps).containsExactly("cleaned up");
		assertThat(((EventLoopImpl) loop).liveThreads()).isZero();
	}

	@Test
	void closeFromInsideTheLoopIsAnError() {
		assertThatThrownBy(() -> loop.run(() -> {
			Async.currentLoop().close();
			return null;
		})).isInstanceOf(IllegalStateException.class).hasMessageContaining("from outside");
	}

	@Test
	void runUntilCompleteWaitsForATaskOrFuture() throws Exception {
		Task<String> t = loop.createTask(() -> {
			Async.sleep(Duration.ofMillis(2));
			return "task";
		});
		assertThat(loop.runUntilComplete(t)).isEqualTo("task");
		Future<String> f = loop.createFuture();
		loop.callLater(Duration.ofMillis(2), () -> f.setResult("future"));
		assertThat(loop.runUntilComplete(f)).isEqualTo("future");
	}

	@Test
	void runForeverReturnsOnStop() throws Exception {
		// the stop is scheduled once this thread waits in runForever(): a stop() that came first would be the
		// remembered one (aStopBeforeRunForeverIsRememberedAndRunsOneRound), not the one this test is about
		Thread runner = Thread.currentThread();
		Thread stopper = Thread.ofPlatform().start(() -> {
			while (!waitsInRunForever(runner)) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
			}
			loop.callSoon(loop::stop);
		});
		loop.runForever();
		stopper.join();
		assertThat(loop.isRunning()).isTrue();
	}

	/*
	 * asyncio remembers a stop() that comes before run_forever(): run_forever() then runs one iteration (what
	 * was ready, also what was scheduled after the stop) and returns; two stops are one, and the next
	 * run_forever() waits for a new stop (3.11, 3.12, 3.13 alike):
	 *
	 *   loop = asyncio.new_event_loop(); steps = []
	 *   loop.call_soon(lambda: steps.append("call_soon before stop ran"))
	 *   loop.stop(); loop.stop()
	 *   loop.call_soon(lambda: steps.append("call_soon after stop ran"))
	 *   loop.run_forever(); steps.append("run_forever returned")
	 *   loop.call_later(0.05, lambda: (steps.append("timer stops it"), loop.stop()))
	 *   loop.run_forever(); steps.append("second run_forever returned")
	 *   print(steps)  # [... before stop ran, ... after stop ran, run_forever returned, timer stops it,
	 *                 #  second run_forever returned]
	 *
	 * Our loop runs its callbacks whether or not a thread waits in runForever(), so the one iteration is: return
	 * once what was ready when runForever() was called has run. The first callback holds the loop until the
	 * runner waits in runForever(), so a runForever() that returned at once would be seen returning first.
	 */
	@Test
	void aStopBeforeRunForeverIsRememberedAndRunsOneRound() throws Exception {
		Thread[] runner = new Thread[1];
		CountDownLatch started = new CountDownLatch(1);
		loop.callSoon(() -> {
			awaitQuietly(started);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!waitsInRunForever(runner[0]) && runner[0].isAlive() && System.nanoTime() < deadline) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
			}
			steps.add("callSoon before stop ran");
		});
		loop.stop();
		loop.stop();
		loop.callSoon(() -> steps.add("callSoon after stop ran"));
		runner[0] = Thread.ofPlatform().unstarted(() -> {
			try {
				loop.runForever();
				steps.add("runForever returned");
			}
			catch (InterruptedException e) {
				steps.add("interrupted");
			}
		});
		runner[0].start();
		started.countDown();
		runner[0].join(TimeUnit.SECONDS.toMillis(10));
		if (runner[0].isAlive()) {
			steps.add("runForever still waiting after 10 s");
			loop.stop(); // the stop was forgotten: let the runner go, then fail below
			runner[0].join();
		}
		assertThat(steps).containsExactly("callSoon before stop ran", "callSoon after stop ran", "runForever returned");

		// the stop was used up (two stops are one): the next runForever() waits for a new one
		Thread second = Thread.ofPlatform().start(() -> {
			try {
				loop.runForever();
				steps.add("second runForever returned");
			}
			catch (InterruptedException e) {
				steps.add("interrupted");
			}
		});
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!waitsInRunForever(second) && second.isAlive() && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
		loop.callSoon(() -> {
			steps.add("a new stop");
			loop.stop();
		});
		second.join();
		assertThat(steps.list().subList(3, steps.list().size())).containsExactly("a new stop",
				"second runForever returned");
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static boolean waitsInRunForever(Thread thread) {
		return thread.getState() == Thread.State.WAITING && Arrays.stream(thread.getStackTrace())
				.anyMatch(frame -> frame.getMethodName().equals("runForever"));
	}

	@Test
	void runFromAReactorNonBlockingThreadIsRefused() {
		Mono<Integer> m = Mono.fromCallable(() -> loop.run(() -> 1))
				.subscribeOn(reactor.core.scheduler.Schedulers.parallel());
		StepVerifier.create(m).expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("non-blocking")).verify();
	}

	@Test
	void interruptingTheThreadBlockedInRunCancelsTheTask() throws Exception {
		CompletableFuture<Throwable> thrown = new CompletableFuture<>();
		AtomicBoolean taskCancelled = new AtomicBoolean();
		CountDownLatch started = new CountDownLatch(1);
		Thread caller = Thread.ofPlatform().start(() -> {
			try {
				loop.run(() -> {
					started.countDown();
					try {
						return Async.await(Mono.never());
					}
					catch (CancelledError e) {
						taskCancelled.set(true);
						throw e;
					}
				});
			}
			catch (Throwable e) {
				thrown.complete(e);
			}
		});
		started.await();
		caller.interrupt();
		assertThat(thrown.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
		caller.join();
		loop.close();
		assertThat(taskCancelled).isTrue();
	}

	@Test
	void publishOnTheLoopDeliversInOrderOnTheLoop() {
		AtomicInteger offLoop = new AtomicInteger();
		StepVerifier.create(Flux.range(1, 1000).publishOn(loop).doOnNext(i -> {
			if (Async.currentLoop() != loop) {
				offLoop.incrementAndGet();
			}
		}).collectList()).assertNext(list -> {
			assertThat(list).hasSize(1000).isSorted();
			assertThat(list.get(999)).isEqualTo(1000);
		}).verifyComplete();
		assertThat(offLoop).hasValue(0);
	}

	@Test
	// on a virtual clock, so that the delayed work cannot come due before dispose() however slow this thread is
	@LoopPerTest.Options(virtualTime = true)
	void workersAreDisposableAndCancelWhatTheyScheduled(VirtualTimeScheduler vts) throws Exception {
		try (EventLoop virtual = loop) {
			Scheduler.Worker worker = virtual.createWorker();
			AtomicBoolean ran = new AtomicBoolean();
			AtomicBoolean sibling = new AtomicBoolean();
			worker.schedule(() -> ran.set(true), 20, TimeUnit.MILLISECONDS);
			virtual.schedule(() -> sibling.set(true), 20, TimeUnit.MILLISECONDS);
			worker.dispose();
			assertThat(worker.isDisposed()).isTrue();
			assertThatThrownBy(() -> worker.schedule(() -> {
			})).isInstanceOf(RejectedExecutionException.class);
			((EventLoopImpl) virtual).awaitIdle();
			vts.advanceTimeBy(Duration.ofMillis(40));
			assertThat(sibling).as("the same delay scheduled on the loop itself ran").isTrue();
			assertThat(ran).isFalse();
		}
	}

	@Test
	@LoopPerTest.Options(virtualTime = true)
	void delayedAndPeriodicSchedulingFollowTheLoopsVirtualClock(VirtualTimeScheduler vts) throws Exception {
		try (EventLoop virtual = loop) {
			List<Long> ticks = Collections.synchronizedList(new ArrayList<>());
			Disposable periodic = virtual.schedulePeriodically(
					() -> ticks.add(virtual.now(TimeUnit.SECONDS)), 10, 5, TimeUnit.SECONDS);
			AtomicBoolean once = new AtomicBoolean();
			virtual.schedule(() -> once.set(true), 12, TimeUnit.SECONDS);
			((EventLoopImpl) virtual).awaitIdle();
			vts.advanceTimeBy(Duration.ofSeconds(21));
			assertThat(ticks).containsExactly(10L, 15L, 20L);
			assertThat(once).isTrue();
			periodic.dispose();
			vts.advanceTimeBy(Duration.ofSeconds(20));
			assertThat(ticks).containsExactly(10L, 15L, 20L);
		}
	}

	@Test
	void monoDelayOnTheLoopAsScheduler() {
		StepVerifier.create(Mono.delay(Duration.ofMillis(5), loop).map(x -> Async.currentLoop() == loop))
				.expectNext(true).verifyComplete();
	}

	@Test
	@LoopPerTest.Options(debug = true)
	void debugModeLogsASlowStepNamingTheTask() throws Exception {
		TestLogger logs = new TestLogger(false);
		LoggerUtils.enableCaptureWith(logs);
		try (EventLoop debug = loop) {
			debug.setSlowCallbackDuration(Duration.ofMillis(20));
			debug.run(() -> Async.await(debug.createTask(() -> {
				Thread.sleep(40); // blocks the loop: exactly what debug mode is for
				Async.yieldNow();
				return null;
			}, "blocker")));
			// a step under the threshold is not reported: with a threshold no step can reach, so that a GC pause
			// or a busy machine cannot make the trivial step "slow"
			debug.setSlowCallbackDuration(Duration.ofHours(1));
			debug.run(() -> Async.await(debug.createTask(() -> null, "quick")));
		}
		finally {
			LoggerUtils.disableCapture();
		}
		assertThat(logs.getOutContent() + logs.getErrContent()).contains("Executing Task blocker")
				.contains("ms").doesNotContain("quick");
	}

	/*
	 * CPython 3.12 (test_base_events: test_set_exc_handler_custom, test_set_exc_handler_broken,
	 * test_default_exc_handler_callback), checked with python3.12:
	 *   loop.get_exception_handler()                  -> None
	 *   loop.set_exception_handler(h); loop.get_exception_handler() is h -> True
	 *   loop.call_exception_handler({'message': 'hello'})  -> h sees 'hello'
	 *   def broken(loop, ctx): raise ZeroDivisionError
	 *   loop.set_exception_handler(broken); loop.call_exception_handler({'message': 'ctx msg'})
	 *     -> logs "Unhandled error in exception handler / context: {'message': 'ctx msg'}" + the traceback;
	 *        nothing raised to the caller
	 *   loop.set_exception_handler(None); loop.default_exception_handler({'message': ''})
	 *     -> logs "Unhandled exception in event loop"
	 */
	@Test
	void theExceptionHandlerTrioBehavesAsCPythons() throws Exception {
		TestLogger logs = new TestLogger(false);
		LoggerUtils.enableCaptureWith(logs);
		try (EventLoop l = loop) {
			assertThat(l.getExceptionHandler()).isNull();
			List<String> seen = new ArrayList<>();
			java.util.function.Consumer<ExceptionContext> h = c -> seen.add(c.message());
			l.setExceptionHandler(h);
			assertThat(l.getExceptionHandler()).isSameAs(h);
			l.callExceptionHandler(new ExceptionContext("hello", null, null, null));
			assertThat(seen).containsExactly("hello");
			assertThat(logs.getErrContent()).doesNotContain("hello");

			ArithmeticException broken = new ArithmeticException("broken handler");
			l.setExceptionHandler(c -> {
				throw broken;
			});
			l.callExceptionHandler(new ExceptionContext("ctx msg", null, null, "Task-7"));
			assertThat(logs.getErrContent()).contains("Unhandled error in exception handler; context: ctx msg (task Task-7)")
					.contains("broken handler");

			l.setExceptionHandler(null);
			assertThat(l.getExceptionHandler()).isNull();
			l.defaultExceptionHandler(new ExceptionContext("", null, null, null));
			assertThat(logs.getErrContent()).contains("Unhandled exception in event loop");
			l.callExceptionHandler(new ExceptionContext("to the default", new IllegalStateException("x"), null, null));
			assertThat(logs.getErrContent()).contains("to the default").contains("IllegalStateException: x");
		}
		finally {
			LoggerUtils.disableCapture();
		}
	}

	@Test
	void aCustomHandlerMayDelegateToTheDefaultOne() throws Exception {
		TestLogger logs = new TestLogger(false);
		LoggerUtils.enableCaptureWith(logs);
		try (EventLoop l = loop) {
			List<String> seen = new ArrayList<>();
			l.setExceptionHandler(c -> {
				seen.add(c.message());
				l.defaultExceptionHandler(c);
			});
			l.callSoon(() -> {
				throw new IllegalArgumentException("from a callback");
			});
			l.run(() -> {
				Async.yieldNow();
				return null;
			});
			assertThat(seen).singleElement().asString().startsWith("Exception in callback");
			assertThat(logs.getErrContent()).contains("Exception in callback").contains("from a callback");
		}
		finally {
			LoggerUtils.disableCapture();
		}
	}

	/*
	 * CPython 3.12, checked with python3.12:
	 *   with ThreadPoolExecutor(1, thread_name_prefix='mine') as ex:
	 *       f = loop.run_in_executor(ex, lambda: (current_thread().name.startswith('mine'), var.get()))
	 *       isinstance(f, asyncio.Future), await f   -> True (True, 'unset')   # context not copied
	 */
	@Test
	void runInExecutorRunsOnTheGivenExecutorWithoutTheCallersContext() throws Exception {
		ContextVar<String> var = ContextVar.create("v", "unset");
		java.util.concurrent.ExecutorService mine = java.util.concurrent.Executors.newSingleThreadExecutor(
				r -> new Thread(r, "mine-1"));
		try {
			String r = loop.run(() -> {
				var.set("parent");
				Future<String> f = Async.currentLoop().runInExecutor(mine,
						() -> Thread.currentThread().getName() + " " + var.get());
				assertThat(f.loop()).isSameAs(Async.currentLoop());
				return Async.await(f);
			});
			assertThat(r).isEqualTo("mine-1 unset");
			IllegalStateException boom = new IllegalStateException("boom");
			assertThatThrownBy(() -> loop.run(() -> Async.await(loop.runInExecutor(null, () -> {
				throw boom;
			})))).isSameAs(boom);
			assertThat(loop.run(() -> Async.await(loop.runInExecutor(null,
					() -> Thread.currentThread().getName())))).contains("boundedElastic");
		}
		finally {
			mine.shutdownNow();
		}
	}

	@Test
	void cancellingARunInExecutorFutureKeepsAQueuedCallableFromStarting() throws Exception {
		java.util.concurrent.ExecutorService one = java.util.concurrent.Executors.newSingleThreadExecutor();
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean secondRan = new AtomicBoolean();
		try {
			loop.run(() -> {
				Future<Boolean> busy = loop.runInExecutor(one, () -> release.await(10, TimeUnit.SECONDS));
				Future<Object> queued = loop.runInExecutor(one, () -> {
					secondRan.set(true);
					return null;
				});
				assertThat(queued.cancel()).isTrue();
				release.countDown();
				assertThat(Async.await(busy)).isTrue();
				return null;
			});
			one.shutdown();
			assertThat(one.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
			assertThat(secondRan).isFalse();
		}
		finally {
			one.shutdownNow();
		}
	}

	@Test
	void withoutDebugNothingIsMeasured() throws Exception {
		TestLogger logs = new TestLogger(false);
		LoggerUtils.enableCaptureWith(logs);
		try (EventLoop quiet = loop) {
			quiet.setSlowCallbackDuration(Duration.ofMillis(1));
			quiet.run(() -> {
				Thread.sleep(5);
				return null;
			});
		}
		finally {
			LoggerUtils.disableCapture();
		}
		assertThat(logs.getOutContent() + logs.getErrContent()).doesNotContain("Executing");
	}

	@Test
	void aLoneLoopSpinsOnAHandOffWhenThereIsASecondProcessor() {
		assertThat(loop.isHandoffSpin()).isEqualTo(Runtime.getRuntime().availableProcessors() >= 2);
		loop.setHandoffSpin(false);
		assertThat(loop.isHandoffSpin()).isFalse();
		loop.setHandoffSpin(true);
		assertThat(loop.isHandoffSpin()).isTrue();
	}

	/* The spin changes how fast a switch is, never the order: turns, and an eager task's first step, the same. */
	@Test
	void switchesAndEagerStartsRunInTheSameOrderWithOrWithoutTheSpin() throws Exception {
		for (boolean spin : new boolean[] { true, false }) {
			loop.setHandoffSpin(spin);
			steps.add("spin " + spin);
			loop.run(() -> {
				Task<Void> a = Async.createTask(() -> takeTurns("a"));
				Task<Void> b = Async.createTask(() -> takeTurns("b"));
				Async.await(a);
				Async.await(b);
				loop.setEagerTasks(true);
				steps.add("create");
				Task<Void> eager = Async.createTask(() -> {
					steps.add("eager first step");
					Async.yieldNow();
					steps.add("eager second step");
					return null;
				});
				steps.add("created");
				loop.setEagerTasks(false);
				return Async.await(eager);
			});
		}
		List<String> once = List.of("a0", "b0", "a1", "b1", "a2", "b2", "create", "eager first step", "created",
				"eager second step");
		List<String> expected = new ArrayList<>();
		expected.add("spin true");
		expected.addAll(once);
		expected.add("spin false");
		expected.addAll(once);
		assertThat(steps).containsExactlyElementsOf(expected);
	}

	/* A worker that ran a short eager task spins a moment for the next one: close() must still end it. */
	@Test
	void aFanOutOfShortEagerTasksGivesEveryResultAndCloseEndsEveryWorker() throws Exception {
		EventLoopImpl impl = (EventLoopImpl) loop;
		loop.setEagerTasks(true);
		long sum = loop.run(() -> {
			List<Task<Integer>> tasks = new ArrayList<>();
			for (int i = 0; i < 10_000; i++) {
				int n = i;
				Task<Integer> t = Async.createTask(() -> n);
				assertThat(t.isDone()).isTrue();
				tasks.add(t);
			}
			long s = 0;
			for (Task<Integer> t : tasks) {
				s += Async.await(t);
			}
			return s;
		});
		assertThat(sum).isEqualTo(10_000L * 9_999 / 2);
		loop.close();
		assertThat(impl.liveThreads()).isZero();
	}

	private Void takeTurns(String name) {
		for (int i = 0; i < 3; i++) {
			steps.add(name + i);
			Async.yieldNow();
		}
		return null;
	}

	@Test
	void oneCarrierModeNamesTheJvmOptionItNeedsOrRunsLikeAnyLoop() throws Exception {
		boolean opened = ModuleLayer.boot().findModule("java.base").orElseThrow()
				.isOpen("java.lang", EventLoopTest.class.getModule());
		if (!opened) {
			assertThatThrownBy(EventLoop::createOnOneCarrier).isInstanceOf(UnsupportedOperationException.class)
					.hasMessageContaining("--add-opens java.base/java.lang=ALL-UNNAMED");
			return;
		}
		EventLoopImpl one = (EventLoopImpl) EventLoop.createOnOneCarrier();
		try (one) {
			// all its coroutines share one carrier: a spin would only keep the next one from running
			assertThat(one.isHandoffSpin()).isFalse();
			assertThatThrownBy(() -> one.setHandoffSpin(true)).isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("createOnOneCarrier()").hasMessageContaining("EventLoop.create()");
			one.setHandoffSpin(false);
			one.run(() -> {
				Task<Void> a = Async.createTask(() -> {
					for (int i = 0; i < 3; i++) {
						steps.add("A");
						Async.yieldNow();
					}
					return null;
				});
				for (int i = 0; i < 3; i++) {
					steps.add("B");
					Async.sleep(Duration.ofMillis(1));
				}
				return Async.await(a);
			});
		}
		assertThat(String.join("", steps)).startsWith("BAAA").hasSize(6);
		assertThat(one.liveThreads()).isZero();
	}

	@Test
	void toStringShowsTheState() {
		assertThat(loop.toString()).contains("RUNNING");
		loop.close();
		assertThat(loop.toString()).contains("CLOSED");
	}
}
