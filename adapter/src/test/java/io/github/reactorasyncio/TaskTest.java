package io.github.reactorasyncio;

import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
@ExtendWith(LoopPerTest.class)
class TaskTest {

	@RegisterExtension
	final Steps steps = new Steps();

	@LoopPerTest.Loop
	private EventLoop loop;

	/*
	 * Awaiting a task that ended with a CancelledError raises that same instance (CPython 3.11+).
	 *
	 *   err = asyncio.CancelledError("mine")
	 *   async def child():
	 *       await asyncio.sleep(0)
	 *       raise err
	 *   t = asyncio.create_task(child())
	 *   try:
	 *       await t
	 *   except asyncio.CancelledError as e:
	 *       print("same instance:", e is err, t.cancelled())   # 3.12, 3.13: same instance: True True
	 */
	@Test
	void awaitingATaskThatEndedWithACancelledErrorThrowsThatSameInstance() throws Exception {
		loop.run(() -> {
			CancelledError err = new CancelledError("mine");
			Task<Void> t = Async.createTask(() -> {
				Async.yieldNow();
				throw err;
			});
			Throwable caught = null;
			try {
				Async.await(t);
			}
			catch (CancelledError e) {
				caught = e;
			}
			assertThat(caught).isSameAs(err);
			assertThat(t.isCancelled()).isTrue();
			// and so does every later look at it (CPython hands it out once, to break a reference cycle Java
			// does not have)
			assertThatThrownBy(t::result).isSameAs(err);
			assertThatThrownBy(() -> Async.await(t)).isSameAs(err);
			return null;
		});
	}

	/*
	 * CPython's test_cancel_at_end: a task that cancels itself and returns without awaiting ends CANCELLED.
	 *
	 *   async def body():
	 *       asyncio.current_task().cancel("self")
	 *       return 12
	 *   t = asyncio.create_task(body())
	 *   try:
	 *       print(await t)
	 *   except asyncio.CancelledError as e:
	 *       print("CancelledError", e.args, "cancelled:", t.cancelled())
	 *   # 3.12, 3.13: CancelledError ('self',) cancelled: True
	 */
	@Test
	void aTaskThatCancelsItselfAndReturnsWithoutAwaitingEndsCancelled() throws Exception {
		loop.run(() -> {
			Task<Integer> t = Async.createTask(() -> {
				Async.currentTask().cancel("self");
				return 12;
			});
			assertThatThrownBy(() -> Async.await(t)).isInstanceOf(CancelledError.class).hasMessage("self");
			assertThat(t.isCancelled()).isTrue();
			return null;
		});
	}

	@Test
	void cancelAtAMonoAwaitThrowsCancelledAndCancelsTheSubscription() throws Exception {
		AtomicInteger subscriptionCancelled = new AtomicInteger();
		loop.run(() -> {
			Task<String> t = Async.createTask(() -> {
				try {
					return Async.await(Mono.<String>never().doOnCancel(subscriptionCancelled::incrementAndGet));
				}
				catch (CancelledError e) {
					steps.add("caught " + e.getMessage());
					throw e;
				}
			});
			Async.yieldNow();
			assertThat(t.cancel("stop")).isTrue();
			assertThatThrownBy(() -> Async.await(t)).isInstanceOf(CancelledError.class);
			return null;
		});
		assertThat(steps).containsExactly("caught stop");
		assertThat(subscriptionCancelled).hasValue(1);
	}

	@Test
	void cancelAtEveryKindOfAwait() throws Exception {
		Future<String> pendingFuture = loop.createFuture();
		CompletableFuture<String> pendingStage = new CompletableFuture<>();
		List<Coroutine<?>> bodies = List.of(
				() -> Async.await(Mono.never()),
				() -> Async.await(pendingFuture),
				() -> Async.await(pendingStage),
				() -> {
					Async.sleep(Duration.ofHours(1));
					return null;
				},
				() -> {
					for (int i = 0; i < 1000; i++) {
						Async.yieldNow();
					}
					return null;
				});
		loop.run(() -> {
			for (Coroutine<?> body : bodies) {
				Task<?> t = Async.createTask(body);
				Async.yieldNow();
				t.cancel();
				assertThatThrownBy(() -> Async.await(t)).isInstanceOf(CancelledError.class);
				assertThat(t.isCancelled()).isTrue();
				assertThat(t.state()).isEqualTo(Future.State.CANCELLED);
			}
			return null;
		});
		assertThat(pendingFuture.isCancelled()).as("awaiting a future and being cancelled cancels it").isTrue();
		assertThat(pendingStage.isCancelled()).isTrue();
	}

	/** The message of a wait's cancel is the task's: the awaiter keeps none of its own (issue 14, bytes per task). */
	@Test
	void aCancelledSleepThrowsTheCancelsMessage() throws Exception {
		loop.run(() -> {
			Task<Void> t = Async.createTask(() -> {
				try {
					Async.sleep(Duration.ofHours(1));
				}
				catch (CancelledError e) {
					steps.add("first: " + e.getMessage());
				}
				Async.currentTask().uncancel();
				try {
					Async.sleep(Duration.ofHours(1));
				}
				catch (CancelledError e) {
					steps.add("second: " + e.getMessage());
					throw e;
				}
				return null;
			});
			Async.yieldNow();
			t.cancel("why");
			assertThat(t.cancelling()).isEqualTo(1);
			Async.yieldNow();
			t.cancel("why again");
			assertThatThrownBy(() -> Async.await(t)).isInstanceOf(CancelledError.class).hasMessage("why again");
			return null;
		});
		assertThat(steps).containsExactly("first: why", "second: why again");
	}

	@Test
	void cancelledCoroutineMayAwaitToCleanUpThenRethrow() throws Exception {
		loop.run(() -> {
			Task<Void> t = Async.createTask(() -> {
				try {
					Async.await(Mono.never());
				}
				catch (CancelledError e) {
					steps.add("cleanup starts");
					Async.sleep(Duration.ofMillis(2));
					steps.add("cleanup awaited " + Async.await(Mono.delay(Duration.ofMillis(1)).thenReturn("x")));
					throw e;
				}
				return null;
			});
			Async.yieldNow();
			t.cancel();
			assertThatThrownBy(() -> Async.await(t)).isInstanceOf(CancelledError.class);
			return null;
		});
		assertThat(steps).containsExactly("cleanup starts", "cleanup awaited x");
	}

	@Test
	void cancellingATaskThatAwaitsAnotherWaitsForTheOthersCleanup() throws Exception {
		loop.run(() -> {
			Task<String> inner = Async.createTask(() -> {
				try {
					return Async.await(Mono.never());
				}
				catch (CancelledError e) {
					Async.sleep(Duration.ofMillis(2));
					steps.add("inner cleaned up");
					throw e;
				}
			});
			Task<String> outer = Async.createTask(() -> {
				try {
					return Async.await(inner);
				}
				catch (CancelledError e) {
					steps.add("outer sees the cancel after inner: " + inner.isCancelled());
					throw e;
				}
			});
			Async.yieldNow();
			outer.cancel();
			assertThatThrownBy(() -> Async.await(outer)).isInstanceOf(CancelledError.class);
			return null;
		});
		assertThat(steps).containsExactly("inner cleaned up", "outer sees the cancel after inner: true");
	}

	@Test
	void anAwaitedTaskThatSwallowsTheCancelGivesItsResultToTheAwaiter() throws Exception {
		String r = loop.run(() -> {
			Task<String> inner = Async.createTask(() -> {
				try {
					return Async.await(Mono.never());
				}
				catch (CancelledError e) {
					return "inner result";
				}
			});
			Task<String> outer = Async.createTask(() -> Async.await(inner));
			Async.yieldNow();
			outer.cancel();
			return Async.await(outer);
		});
		assertThat(r).as("as in Python: the outer task is woken by the inner one's outcome").isEqualTo("inner result");
	}

	@Test
	void coroutineThatSwallowsTheCancelCompletesNormally() throws Exception {
		String r = loop.run(() -> {
			Task<String> t = Async.createTask(() -> {
				try {
					Async.await(Mono.never());
					return "not reached";
				}
				catch (CancelledError e) {
					return "swallowed";
				}
			});
			Async.yieldNow();
			t.cancel();
			return Async.await(t);
		});
		assertThat(r).isEqualTo("swallowed");
	}

	@Test
	void cancellingATaskBeforeItStartsNeverRunsItsBody() throws Exception {
		AtomicBoolean ran = new AtomicBoolean();
		loop.run(() -> {
			Task<Void> t = Async.createTask(() -> {
				ran.set(true);
				return null;
			});
			assertThat(t.cancel()).isTrue();
			assertThatThrownBy(() -> Async.await(t)).isInstanceOf(CancelledError.class);
			return null;
		});
		assertThat(ran).isFalse();
	}

	@Test
	void lateCompletionAfterCancelIsDroppedAndReleased() throws Exception {
		// a source that ignores cancel and signals anyway, as a racing upstream may
		AtomicReference<org.reactivestreams.Subscriber<? super Closeable>> subscriber = new AtomicReference<>();
		AtomicBoolean subscriptionCancelled = new AtomicBoolean();
		Mono<Closeable> stubborn = Mono.fromDirect(s -> {
			s.onSubscribe(new org.reactivestreams.Subscription() {
				@Override
				public void request(long n) {
				}

				@Override
				public void cancel() {
					subscriptionCancelled.set(true);
				}
			});
			subscriber.set(s);
		});
		AtomicInteger resumed = new AtomicInteger();
		AtomicBoolean released = new AtomicBoolean();
		loop.run(() -> {
			Task<Object> t = Async.createTask(() -> {
				try {
					return Async.await(stubborn);
				}
				finally {
					resumed.incrementAndGet();
				}
			});
			Async.yieldNow();
			t.cancel();
			assertThatThrownBy(() -> Async.await(t)).isInstanceOf(CancelledError.class);
			Closeable late = () -> released.set(true);
			subscriber.get().onNext(late); // completes after the cancel
			subscriber.get().onComplete();
			Async.createTask(() -> steps.add("the loop goes on"));
			Async.sleep(Duration.ofMillis(2));
			return null;
		});
		assertThat(subscriptionCancelled).isTrue();
		assertThat(resumed).hasValue(1);
		assertThat(released).as("the late value is closed, since nobody will").isTrue();
		assertThat(steps).containsExactly("the loop goes on");
	}

	@Test
	void cancelAfterTheValueArrivedButBeforeTheTaskResumedDropsTheValue() throws Exception {
		AtomicBoolean released = new AtomicBoolean();
		Future<Closeable> f = loop.createFuture();
		loop.run(() -> {
			Task<Object> t = Async.createTask(() -> Async.await(Mono.fromFuture(f.toCompletableFuture())));
			Async.yieldNow();
			f.setResult(() -> released.set(true));
			// the value's delivery is now queued ahead of the task's resumption; cancel in between
			Async.yieldNow();
			t.cancel();
			assertThatThrownBy(() -> Async.await(t)).isInstanceOf(CancelledError.class);
			return null;
		});
		assertThat(released).isTrue();
	}

	@Test
	void interruptingASuspendedCoroutinesThreadCancelsItAndTheLoopGoesOn() throws Exception {
		Sinks.One<String> sink = Sinks.one();
		AtomicReference<Thread> thread = new AtomicReference<>();
		AtomicInteger resumed = new AtomicInteger();
		loop.run(() -> {
			Task<String> t = Async.createTask(() -> {
				thread.set(Thread.currentThread());
				try {
					return Async.await(sink.asMono());
				}
				finally {
					resumed.incrementAndGet();
				}
			});
			Async.yieldNow();
			thread.get().interrupt();
			assertThatThrownBy(() -> Async.await(t)).isInstanceOf(CancelledError.class);
			sink.tryEmitValue("late");
			Task<String> other = Async.createTask(() -> {
				Async.sleep(Duration.ofMillis(1));
				steps.add("other task ran");
				return "ok";
			});
			return Async.await(other);
		});
		assertThat(resumed).hasValue(1);
		assertThat(steps).containsExactly("other task ran");
	}

	@Test
	void cancelFromAnotherThreadIsPostedToTheLoop() throws Exception {
		Task<Object> t = loop.createTask(() -> Async.await(Mono.never()));
		CompletableFuture<Boolean> started = new CompletableFuture<>();
		loop.callSoon(() -> started.complete(true));
		started.join();
		assertThat(t.cancel()).isTrue();
		// CompletableFuture users see a cancellation of their own kind; our CancelledError is its root cause
		assertThatThrownBy(() -> t.toCompletableFuture().join()).isInstanceOf(java.util.concurrent.CancellationException.class)
				.hasRootCauseInstanceOf(CancelledError.class);
		assertThat(t.cancel()).isFalse();
	}

	@Test
	void cancellingCountsRequestsAndUncancelWithdrawsThem() throws Exception {
		loop.run(() -> {
			Task<Object> t = Async.createTask(() -> {
				try {
					return Async.await(Mono.never());
				}
				catch (CancelledError e) {
					Task<?> self = Async.currentTask();
					assertThat(self.cancelling()).isEqualTo(2);
					assertThat(self.uncancel()).isEqualTo(1);
					return "handled";
				}
			});
			Async.yieldNow();
			t.cancel();
			t.cancel();
			assertThat(t.cancelling()).isEqualTo(2);
			assertThat(Async.await(t)).isEqualTo("handled");
			assertThat(t.cancelling()).isEqualTo(1);
			return null;
		});
	}

	@Test
	void uncancelBeforeTheNextAwaitRevokesAPendingCancel() throws Exception {
		String r = loop.run(() -> {
			Task<?> self = Async.currentTask();
			self.cancel();
			self.uncancel();
			Async.yieldNow();
			return "not cancelled";
		});
		assertThat(r).isEqualTo("not cancelled");
	}

	@Test
	void aTaskCancellingItselfGetsCancelledAtItsNextSuspension() {
		assertThatThrownBy(() -> loop.run(() -> {
			Async.currentTask().cancel();
			Async.await(Mono.just(1)); // completed: no suspension, no cancel yet
			Async.await(Mono.delay(Duration.ofMillis(1)));
			return "not reached";
		})).isInstanceOf(CancelledError.class);
	}

	@Test
	void stateIsRunningOnlyWhileAStepExecutes() throws Exception {
		List<Future.State> states = new ArrayList<>();
		loop.run(() -> {
			Task<Void> t = Async.createTask(() -> {
				states.add(Async.currentTask().state());
				Async.yieldNow();
				return null;
			});
			states.add(t.state());
			Async.yieldNow();
			states.add(t.state());
			Async.await(t);
			states.add(t.state());
			return null;
		});
		assertThat(states).containsExactly(Future.State.PENDING, Future.State.RUNNING, Future.State.PENDING,
				Future.State.DONE);
	}

	@Test
	void namesDefaultToTaskN() throws Exception {
		Task<Integer> t = loop.createTask(() -> 1);
		assertThat(t.name()).matches("Task-\\d+");
		assertThat(t.toString()).contains(t.name());
		assertThat(loop.createTask(() -> 1, "fetch").name()).isEqualTo("fetch");
	}

	@Test
	void aTasksResultComesFromItsCoroutineOnly() {
		Task<Integer> t = loop.createTask(() -> 1);
		assertThatThrownBy(() -> t.setResult(2)).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> t.setException(new RuntimeException())).isInstanceOf(
				UnsupportedOperationException.class);
	}

	@Test
	void resumedTaskDoesNotOvertakeOlderReadyWork() throws Exception {
		// setResult queues the waiter's wake-up where call_soon would: after older work, before newer work
		//   f = loop.create_future()
		//   async def waiter():
		//       steps.append("waiter got " + await f)
		//   asyncio.create_task(waiter())
		//   await asyncio.sleep(0)
		//   loop.call_soon(lambda: steps.append("older callback"))
		//   f.set_result("v")
		//   loop.call_soon(lambda: steps.append("newer callback"))
		//   await asyncio.sleep(0.001)
		//   print(steps)   # 3.13: ['older callback', 'waiter got v', 'newer callback']
		loop.run(() -> {
			Future<String> f = Async.currentLoop().createFuture();
			Async.createTask(() -> {
				steps.add("waiter got " + Async.await(f));
				return null;
			});
			Async.yieldNow();
			Async.currentLoop().callSoon(() -> steps.add("older callback"));
			f.setResult("v");
			Async.currentLoop().callSoon(() -> steps.add("newer callback"));
			Async.sleep(Duration.ofMillis(1));
			return null;
		});
		assertThat(steps).containsExactly("older callback", "waiter got v", "newer callback");
	}

	/*
	 * CPython 3.12 (test_tasks: test_task_set_name_pylong / test_task_repr), checked with python3.12:
	 *   t = asyncio.create_task(noop(), name='a'); t.get_name() -> 'a'; t.set_name('b'); t.get_name() -> 'b'
	 */
	@Test
	void setNameRenamesTheTask() throws Exception {
		loop.run(() -> {
			Task<Object> t = Async.createTask(() -> null, "a");
			assertThat(t.name()).isEqualTo("a");
			t.setName("b");
			assertThat(t.name()).isEqualTo("b");
			assertThat(t.toString()).contains("b").doesNotContain("a[");
			Async.await(t);
			Async.currentTask().setName("main");
			assertThat(Async.currentTask().name()).isEqualTo("main");
			assertThatThrownBy(() -> t.setName(null)).isInstanceOf(NullPointerException.class);
			return null;
		});
	}

	/*
	 * CPython 3.12 logs, for a failed task nobody awaited:
	 *   Task exception was never retrieved
	 *   future: <Task finished name='Task-3' coro=... exception=ValueError('x')>
	 * The name must appear once, not as "Task Task-5 ... (task Task Task-5)".
	 */
	@Test
	void aNeverRetrievedTaskExceptionNamesTheTaskOnce() throws Exception {
		CompletableFuture<ExceptionContext> reported = new CompletableFuture<>();
		IllegalStateException boom = new IllegalStateException("nobody awaited");
		// open while the report comes: a closed loop's reports are logged, not handed to its handler
		try (EventLoop l = loop) {
			l.setExceptionHandler(reported::complete);
			l.run(() -> {
				Async.createTask(() -> {
					throw boom;
				}, "worker-1");
				Async.yieldNow();
				return null;
			});
			// the report needs the task collected and the Cleaner run: wait for it, bounded only against a hang
			long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
			while (!reported.isDone() && System.nanoTime() < deadline) {
				System.gc();
				Thread.sleep(10);
			}
		}
		ExceptionContext c = reported.get(1, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(c.exception()).isSameAs(boom);
		assertThat(c.message()).isEqualTo("Task exception was never retrieved");
		assertThat(c.taskName()).isEqualTo("worker-1");
		assertThat(io.github.reactorasyncio.internal.Reports.format(c))
				.isEqualTo("Task exception was never retrieved (task worker-1)");
	}
}
