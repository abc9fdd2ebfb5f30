package io.github.reactorasyncio;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.github.reactorasyncio.internal.FutureImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Async's combinators: gather, waitFor, wait, asCompleted, shield, allTasks. */
@org.junit.jupiter.api.Timeout(30)
class AsyncCombinatorsTest {

	@RegisterExtension
	final Steps steps = new Steps();

	private static final Duration LONG = Duration.ofHours(1);

	/** A coroutine that yields {@code n} times, recording its start and end. */
	private static Coroutine<String> yielding(String name, int n, Steps steps) {
		return () -> {
			steps.add(name + " start");
			for (int i = 0; i < n; i++) {
				Async.yieldNow();
			}
			steps.add(name + " end");
			return name;
		};
	}

	// ------------------------------------------------------------------ gather

	/*
	 * Cancelling the task awaiting gather(return_exceptions=True) cancels the children; the gather then
	 * raises a CancelledError that keeps the message.
	 *
	 *   async def child():
	 *       await asyncio.sleep(10)
	 *   async def parent():
	 *       return await asyncio.gather(child(), child(), return_exceptions=True)
	 *   p = asyncio.create_task(parent())
	 *   await asyncio.sleep(0); await asyncio.sleep(0)
	 *   p.cancel("stop")
	 *   try:
	 *       await p
	 *   except asyncio.CancelledError as e:
	 *       print("CancelledError", e.args, p.cancelled())   # 3.12, 3.13: CancelledError ('stop',) True
	 */
	@Test
	void gatherReturnExceptionsKeepsTheCancelMessage() throws Exception {
		Async.run(() -> {
			Coroutine<String> child = () -> {
				Async.sleep(LONG);
				return "x";
			};
			Task<List<Object>> p = Async.createTask(() -> Async.gatherReturnExceptions(
					Async.createTask(child), Async.createTask(child)));
			Async.yieldNow();
			Async.yieldNow();
			p.cancel("stop");
			assertThatThrownBy(() -> Async.await(p)).isInstanceOf(CancelledError.class).hasMessage("stop");
			assertThat(p.isCancelled()).isTrue();
			return null;
		});
	}

	@Test
	void gatherReturnsResultsInArgumentOrderNotCompletionOrder() throws Exception {
		List<String> results = Async.run(() -> {
			Task<String> slow = Async.createTask(yielding("slow", 3, steps));
			Task<String> fast = Async.createTask(yielding("fast", 0, steps));
			Awaitable<String> mono = () -> Mono.just("mono");
			return Async.gather(slow, fast, mono, slow);
		});
		assertThat(results).containsExactly("slow", "fast", "mono", "slow");
		assertThat(steps).containsSubsequence("fast end", "slow end");
	}

	@Test
	void gatherOfNothingIsAnEmptyListWithoutSuspending() throws Exception {
		Async.run(() -> {
			Async.createTask(() -> steps.add("other"));
			assertThat(Async.<String>gather(List.of())).isEmpty();
			steps.add("after gather");
			return null;
		});
		assertThat(steps).containsExactly("after gather", "other");
	}

	@Test
	void gatherThrowsTheFirstFailureAndLeavesTheOthersRunningUnlikeMonoZip() throws Exception {
		IOException boom = new IOException("boom");
		Async.run(() -> {
			Future<String> gate = Async.currentLoop().createFuture();
			Task<String> sibling = Async.createTask(() -> {
				steps.add("sibling waits");
				String v = Async.await(gate);
				steps.add("sibling " + v);
				return v;
			});
			Task<String> failing = Async.createTask(() -> {
				throw boom;
			});
			assertThatThrownBy(() -> Async.gather(sibling, failing)).isSameAs(boom);
			assertThat(sibling.isDone()).isFalse();
			gate.setResult("finished");
			assertThat(Async.await(sibling)).isEqualTo("finished");
			return null;
		});
		assertThat(steps).containsExactly("sibling waits", "sibling finished");
	}

	@Test
	void gatherReturnExceptionsPutsFailuresAndCancellationsInTheList() throws Exception {
		IOException boom = new IOException("boom");
		List<Object> results = Async.run(() -> {
			Task<String> ok = Async.createTask(() -> "ok");
			Task<String> failing = Async.createTask(() -> {
				throw boom;
			});
			Task<String> cancelled = Async.createTask(() -> {
				Async.sleep(LONG);
				return "unreachable";
			});
			cancelled.cancel("stop");
			return Async.gatherReturnExceptions(ok, failing, cancelled);
		});
		assertThat(results).hasSize(3);
		assertThat(results.get(0)).isEqualTo("ok");
		assertThat(results.get(1)).isSameAs(boom);
		assertThat(results.get(2)).isInstanceOf(CancelledError.class);
		assertThat(((CancelledError) results.get(2))).hasMessage("stop");
	}

	@Test
	void aCancelledChildMakesGatherThrowCancelledError() throws Exception {
		Async.run(() -> {
			Task<String> victim = Async.createTask(() -> {
				Async.sleep(LONG);
				return "unreachable";
			});
			Task<String> other = Async.createTask(() -> "other");
			Async.createTask(() -> victim.cancel());
			assertThatThrownBy(() -> Async.gather(victim, other)).isInstanceOf(CancelledError.class);
			assertThat(Async.currentTask().cancelling()).isZero();
			return null;
		});
	}

	@Test
	void cancellingTheGatheringTaskCancelsEveryChild() throws Exception {
		Async.run(() -> {
			Coroutine<String> sleeper = () -> {
				try {
					Async.sleep(LONG);
					return "unreachable";
				}
				catch (CancelledError e) {
					steps.add("child cancelled");
					throw e;
				}
			};
			Task<String> a = Async.createTask(sleeper);
			Task<String> b = Async.createTask(sleeper);
			Task<List<String>> gathering = Async.createTask(() -> Async.gather(a, b));
			Async.yieldNow();
			gathering.cancel();
			assertThatThrownBy(() -> Async.await(gathering)).isInstanceOf(CancelledError.class);
			Async.yieldNow();
			assertThat(a.isCancelled()).isTrue();
			assertThat(b.isCancelled()).isTrue();
			return null;
		});
		assertThat(steps).containsExactly("child cancelled", "child cancelled");
	}

	@Test
	@ExtendWith(LoopPerTest.class)
	void gatherRejectsAFutureOfAnotherLoop(@LoopPerTest.Another EventLoop other) throws Exception {
		try (other) {
			Future<String> foreign = other.createFuture();
			Async.run(() -> {
				assertThatThrownBy(() -> Async.gather(foreign)).isInstanceOf(IllegalArgumentException.class)
						.hasMessageContaining("belongs to", "createTask");
				return null;
			});
		}
	}

	// ------------------------------------------------------------------ waitFor

	@Test
	void waitForReturnsInTimeAndTimesOutOtherwiseOnVirtualTime() {
		StepVerifier.withVirtualTime(() -> Async.mono(() -> {
					Task<String> quick = Async.createTask(() -> {
						Async.sleep(Duration.ofSeconds(1));
						return "quick";
					});
					steps.add(Async.waitFor(quick, Duration.ofSeconds(2)));
					Task<String> slow = Async.createTask(() -> {
						try {
							Async.sleep(Duration.ofSeconds(10));
							return "slow";
						}
						catch (CancelledError e) {
							steps.add("slow cleans up");
							Async.sleep(Duration.ofSeconds(1)); // waitFor waits for this cleanup
							steps.add("slow cleaned up");
							throw e;
						}
					});
					try {
						Async.waitFor(slow, Duration.ofSeconds(2));
					}
					catch (TimeoutException e) {
						steps.add("timeout, slow cancelled=" + slow.isCancelled());
					}
					return String.join("|", steps);
				}))
				.expectSubscription()
				.thenAwait(Duration.ofSeconds(10))
				.expectNext("quick|slow cleans up|slow cleaned up|timeout, slow cancelled=true")
				.verifyComplete();
		assertThat(steps).containsExactly("quick", "slow cleans up", "slow cleaned up",
				"timeout, slow cancelled=true");
	}

	@Test
	void waitForOfAMonoCancelsTheSubscriptionOnTimeout() throws Exception {
		Sinks.One<String> never = Sinks.one();
		Async.run(() -> {
			Mono<String> watched = never.asMono().doOnCancel(() -> steps.add("unsubscribed"));
			assertThatThrownBy(() -> Async.waitFor(watched, Duration.ofMillis(1)))
					.isInstanceOf(TimeoutException.class);
			assertThat(Async.waitFor(Mono.just("now"), Duration.ofMillis(1))).isEqualTo("now");
			return null;
		});
		assertThat(steps).containsExactly("unsubscribed");
	}

	@Test
	void waitForWithANonPositiveTimeoutTakesADoneResultOrCancelsAtOnce() throws Exception {
		Async.run(() -> {
			Future<String> done = Async.currentLoop().createFuture();
			done.setResult("done");
			assertThat(Async.waitFor(done, Duration.ZERO)).isEqualTo("done");
			Task<String> pending = Async.createTask(() -> "never started");
			assertThatThrownBy(() -> Async.waitFor(pending, Duration.ZERO)).isInstanceOf(TimeoutException.class)
					.hasCauseInstanceOf(CancelledError.class);
			assertThat(pending.isCancelled()).isTrue();
			return null;
		});
	}

	/*
	 * waitFor(f, 0) cancels f and waits until it is really done; each further cancel of the waiter meanwhile is
	 * passed on to f and the wait starts again. Each pass used to leave its done callback on f, so a
	 * long-lived f that outlives many cancels collected one dead callback per pass (CPython's wait_for
	 * registers none: its waiter is the task itself, swapped per await).
	 */
	@Test
	@ExtendWith(LoopPerTest.class)
	void waitForTakesItsDoneCallbackOffTheAwaitableAfterEachPass(EventLoop loop) throws Exception {
		loop.run(() -> {
			Event release = Event.create();
			Task<String> stubborn = Async.createTask(() -> {
				while (!release.isSet()) {
					try {
						release.await();
					}
					catch (CancelledError e) {
						steps.add("swallowed a cancel");
					}
				}
				return "finished";
			});
			Async.yieldNow();
			Task<String> waiter = Async.createTask(() -> Async.waitFor(stubborn, Duration.ZERO));
			Async.yieldNow();
			for (int i = 0; i < 20; i++) {
				waiter.cancel();
				Async.yieldNow();
				Async.yieldNow();
			}
			steps.add("callbacks on it: " + ((FutureImpl<?>) stubborn).doneCallbackCount());
			release.set();
			steps.add("waiter got " + Async.await(waiter));
			return null;
		});
		assertThat(steps).hasSize(1 + 20 + 2).startsWith("swallowed a cancel").endsWith("callbacks on it: 1",
				"waiter got finished");
	}

	@Test
	void cancellingTheWaiterCancelsTheAwaitableAndIsNotATimeout() throws Exception {
		Async.run(() -> {
			Task<String> inner = Async.createTask(() -> {
				Async.sleep(LONG);
				return "unreachable";
			});
			Task<String> waiter = Async.createTask(() -> Async.waitFor(inner, LONG));
			Async.yieldNow();
			waiter.cancel();
			assertThatThrownBy(() -> Async.await(waiter)).isInstanceOf(CancelledError.class);
			assertThat(inner.isCancelled()).isTrue();
			return null;
		});
	}

	// ------------------------------------------------------------------ wait

	@Test
	void waitFirstCompletedReturnsAsSoonAsOneIsDoneAndCancelsNothing() throws Exception {
		Async.run(() -> {
			Task<String> fast = Async.createTask(() -> "fast");
			Task<String> slow = Async.createTask(() -> {
				Async.sleep(LONG);
				return "slow";
			});
			DoneAndPending<String> r = Async.waitFutures(List.of(slow, fast), null, ReturnWhen.FIRST_COMPLETED);
			assertThat(r.done()).containsExactly(fast);
			assertThat(r.pending()).containsExactly(slow);
			assertThat(slow.isCancelled()).isFalse();
			slow.cancel();
			return null;
		});
	}

	@Test
	void waitFirstExceptionSkipsCancellationsAndStopsAtAFailure() throws Exception {
		IOException boom = new IOException("boom");
		Async.run(() -> {
			Task<String> cancelled = Async.createTask(() -> {
				Async.sleep(LONG);
				return "x";
			});
			cancelled.cancel();
			Task<String> failing = Async.createTask(() -> {
				Async.yieldNow();
				Async.yieldNow();
				throw boom;
			});
			Task<String> slow = Async.createTask(() -> {
				Async.sleep(LONG);
				return "slow";
			});
			DoneAndPending<String> r = Async.waitFutures(List.of(cancelled, failing, slow), null, ReturnWhen.FIRST_EXCEPTION);
			assertThat(r.done()).containsExactly(cancelled, failing);
			assertThat(r.pending()).containsExactly(slow);
			assertThat(failing.exception()).isSameAs(boom);
			slow.cancel();
			return null;
		});
	}

	@Test
	void waitAllCompletedAndTimeout() throws Exception {
		Async.run(() -> {
			Task<String> a = Async.createTask(() -> "a");
			Task<String> b = Async.createTask(yielding("b", 2, new Steps()));
			DoneAndPending<String> all = Async.waitFutures(List.of(a, b, a));
			assertThat(all.done()).containsExactly(a, b);
			assertThat(all.pending()).isEmpty();

			Task<String> slow = Async.createTask(() -> {
				Async.sleep(LONG);
				return "slow";
			});
			DoneAndPending<String> timedOut = Async.waitFutures(Set.of(slow), Duration.ofMillis(1), ReturnWhen.ALL_COMPLETED);
			assertThat(timedOut.done()).isEmpty();
			assertThat(timedOut.pending()).containsExactly(slow);
			assertThat(slow.isDone()).isFalse();
			slow.cancel();

			assertThatThrownBy(() -> Async.waitFutures(List.<Future<String>>of())).isInstanceOf(IllegalArgumentException.class);
			return null;
		});
	}

	// ------------------------------------------------------------------ asCompleted

	@Test
	void asCompletedYieldsOutcomesInCompletionOrder() throws Exception {
		IOException boom = new IOException("boom");
		List<Object> seen = Async.run(() -> {
			Task<String> third = Async.createTask(yielding("third", 4, new Steps()));
			Task<String> first = Async.createTask(() -> "first");
			Task<String> second = Async.createTask(() -> {
				Async.yieldNow();
				throw boom;
			});
			List<Object> out = new ArrayList<>();
			List<Awaitable<String>> next = Async.asCompleted(List.of(third, first, second));
			assertThat(next).hasSize(3);
			for (Awaitable<String> a : next) {
				try {
					out.add(Async.await(a));
				}
				catch (IOException e) {
					out.add(e);
				}
			}
			return out;
		});
		assertThat(seen).containsExactly("first", boom, "third");
	}

	@Test
	void asCompletedTimesOutTheRestWithoutCancellingThem() {
		StepVerifier.withVirtualTime(() -> Async.mono(() -> {
					Task<String> quick = Async.createTask(() -> {
						Async.sleep(Duration.ofSeconds(1));
						return "quick";
					});
					Task<String> slow = Async.createTask(() -> {
						Async.sleep(LONG);
						return "slow";
					});
					List<Awaitable<String>> next = Async.asCompleted(List.of(slow, quick), Duration.ofSeconds(2));
					String first = Async.await(next.get(0));
					assertThatThrownBy(() -> Async.await(next.get(1))).isInstanceOf(TimeoutException.class);
					boolean slowRunning = !slow.isDone();
					slow.cancel();
					return first + ", slow still running=" + slowRunning;
				}))
				.expectSubscription()
				.thenAwait(Duration.ofSeconds(2))
				.expectNext("quick, slow still running=true")
				.verifyComplete();
	}

	// ------------------------------------------------------------------ shield

	@Test
	void shieldLetsTheInnerTaskFinishWhenTheAwaiterIsCancelled() throws Exception {
		Async.run(() -> {
			Task<String> inner = Async.createTask(() -> {
				Async.yieldNow();
				Async.yieldNow();
				steps.add("inner finished");
				return "inner";
			});
			Task<String> awaiter = Async.createTask(() -> Async.await(Async.shield(inner)));
			Async.yieldNow();
			awaiter.cancel();
			assertThatThrownBy(() -> Async.await(awaiter)).isInstanceOf(CancelledError.class);
			assertThat(inner.isCancelled()).isFalse();
			assertThat(Async.await(inner)).isEqualTo("inner");
			return null;
		});
		assertThat(steps).containsExactly("inner finished");
	}

	@Test
	void shieldMirrorsTheInnersOutcome() throws Exception {
		IOException boom = new IOException("boom");
		Async.run(() -> {
			Task<String> ok = Async.createTask(() -> "ok");
			assertThat(Async.await(Async.shield(ok))).isEqualTo("ok");
			Task<String> failing = Async.createTask(() -> {
				throw boom;
			});
			assertThatThrownBy(() -> Async.await(Async.shield(failing))).isSameAs(boom);
			Task<String> cancelled = Async.createTask(() -> {
				Async.sleep(LONG);
				return "x";
			});
			Future<String> outer = Async.shield(cancelled);
			cancelled.cancel();
			assertThatThrownBy(() -> Async.await(outer)).isInstanceOf(CancelledError.class);
			assertThat(Async.shield(ok)).isSameAs(ok); // a done future is returned as is
			return null;
		});
	}

	// ------------------------------------------------------------------ allTasks

	@Test
	void allTasksListsTheNotDoneTasksOfTheCurrentLoop() throws Exception {
		Async.run(() -> {
			Task<?> self = Async.currentTask();
			Task<String> sleeping = Async.createTask(() -> {
				Async.sleep(LONG);
				return "x";
			});
			Task<String> finished = Async.createTask(() -> "done");
			Async.yieldNow();
			assertThat(finished.isDone()).isTrue();
			assertThat(Async.allTasks()).containsExactlyInAnyOrder(self, sleeping);
			sleeping.cancel();
			return null;
		});
		assertThatThrownBy(Async::allTasks).isInstanceOf(IllegalStateException.class);
	}

	// CPython's all_tasks() is a set (no order); our javadoc promises creation order, which a test can rely on
	@Test
	void allTasksListsTasksInCreationOrder() throws Exception {
		Async.run(() -> {
			List<Task<?>> created = new ArrayList<>();
			created.add(Async.currentTask());
			for (int i = 0; i < 20; i++) {
				created.add(Async.createTask(() -> {
					Async.sleep(LONG);
					return null;
				}, "t" + i));
			}
			assertThat(new ArrayList<>(Async.allTasks())).containsExactlyElementsOf(created);
			Async.yieldNow(); // started tasks keep their place
			assertThat(new ArrayList<>(Async.allTasks())).containsExactlyElementsOf(created);
			for (Task<?> t : created.subList(1, created.size())) {
				t.cancel();
			}
			return null;
		});
	}

	/*
	 * Python passes coroutines straight to gather and as_completed, checked with python3.12:
	 *   async def after(d, v): await asyncio.sleep(d); return v
	 *   await asyncio.gather(after(1, 'a'), after(1, 'b'))    -> ['a', 'b'] after 1 s, not 2 (concurrent)
	 *   [await f for f in asyncio.as_completed([after(2, 'slow'), after(1, 'fast')])] -> ['fast', 'slow']
	 */
	@Test
	void gatherTakesMonosAndRunsThemConcurrently() {
		StepVerifier.withVirtualTime(() -> Async.mono(() -> Async.gather(
						Mono.just("a").delayElement(Duration.ofSeconds(1)),
						Mono.just("b").delayElement(Duration.ofSeconds(1)),
						Mono.<String>empty())))
				.expectSubscription()
				.expectNoEvent(Duration.ofMillis(999))
				.thenAwait(Duration.ofMillis(1))
				.expectNextMatches(r -> r.equals(java.util.Arrays.asList("a", "b", null)))
				.verifyComplete();
	}

	@Test
	void monosAndCompletionStagesGoWhereAwaitablesDoThroughAwaitableOf() throws Exception {
		List<String> r = Async.run(() -> {
			java.util.concurrent.CompletableFuture<String> cf = new java.util.concurrent.CompletableFuture<>();
			Async.currentLoop().callLater(Duration.ofMillis(5), () -> cf.complete("stage"));
			List<Mono<String>> monos = List.of(Mono.just("slow").delayElement(Duration.ofMillis(50)),
					Mono.just("fast"));
			List<String> order = new ArrayList<>();
			for (Awaitable<String> next : Async.asCompleted(monos.stream().map(Awaitable::of).toList())) {
				order.add(Async.await(next));
			}
			Task<String> task = Async.createTask(() -> "task");
			order.addAll(Async.gather(task, Awaitable.of(cf), Awaitable.of(Mono.just("mono"))));
			order.addAll(Async.gather(monos.stream().map(Awaitable::of).toList()));
			return order;
		});
		assertThat(r).containsExactly("fast", "slow", "task", "stage", "mono", "slow", "fast");
	}

	@Test
	void aFailedCompletionStageIsAwaitedAsItsCause() throws Exception {
		IOException boom = new IOException("boom");
		Async.run(() -> {
			assertThatThrownBy(() -> Async.gather(Awaitable.of(
					java.util.concurrent.CompletableFuture.<String>failedFuture(boom)))).isSameAs(boom);
			assertThatThrownBy(() -> Async.gather(Mono.just(1), Mono.error(boom))).isSameAs(boom);
			return null;
		});
	}
}
