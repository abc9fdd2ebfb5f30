package io.github.reactorasyncio;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cancellation signal is an {@code Error}: it passes {@code catch (Exception e)} and still maps to Java's and Reactor's cancellation. */
@Timeout(30)
class CancelledErrorTest {

	@RegisterExtension
	final Steps steps = new Steps();

	/*
	 * The trap of issue 9: a retry loop that catches Exception must not swallow the timeout's cancel.
	 *
	 *   async def slow():
	 *       await asyncio.sleep(0.15)
	 *       raise OSError("flaky")
	 *   async def main():
	 *       loop = asyncio.get_running_loop(); t0 = loop.time(); attempts = 0
	 *       try:
	 *           async with asyncio.timeout(0.5):
	 *               while True:
	 *                   try:
	 *                       attempts += 1
	 *                       return await slow()
	 *                   except Exception:
	 *                       pass
	 *       except TimeoutError:
	 *           print("TimeoutError at", round(loop.time() - t0, 2), "after", attempts, "attempts")
	 *
	 * CPython 3.12 and 3.13 print "TimeoutError at 0.5 after 4 attempts".
	 */
	@Test
	void aRetryLoopCatchingExceptionEndsWithTimeoutExceptionAtTheDeadline() {
		AtomicInteger attempts = new AtomicInteger();
		long[] endedAt = {-1};
		StepVerifier.withVirtualTime(() -> Async.mono(() -> {
					long t0 = Async.currentLoop().time();
					try {
						return Async.timeout(Duration.ofMillis(500), () -> {
							while (true) {
								try {
									attempts.incrementAndGet();
									return Async.await(Mono.delay(Duration.ofMillis(150))
											.then(Mono.<String>error(new IOException("flaky"))));
								}
								catch (Exception e) {
									// retry
								}
							}
						});
					}
					catch (TimeoutException e) {
						endedAt[0] = Duration.ofNanos(Async.currentLoop().time() - t0).toMillis();
						throw e;
					}
				}))
				.expectSubscription()
				.expectNoEvent(Duration.ofMillis(499))
				.thenAwait(Duration.ofMillis(1))
				.expectError(TimeoutException.class)
				.verify(Duration.ofSeconds(10));
		assertThat(endedAt[0]).isEqualTo(500);
		assertThat(attempts).hasValue(4);
	}

	@Test
	void catchExceptionDoesNotCatchItAndTheTaskEndsCancelled() throws Exception {
		Async.run(() -> {
			Task<String> t = Async.createTask(() -> {
				try {
					return Async.await(Mono.<String>never());
				}
				catch (Exception e) {
					steps.add("caught by catch (Exception e)");
					return "swallowed";
				}
			});
			Async.yieldNow();
			t.cancel("stop");
			assertThatThrownBy(() -> Async.await(t)).isInstanceOf(CancelledError.class).hasMessage("stop");
			steps.add(t.state().toString());
			return null;
		});
		assertThat(steps).containsExactly("CANCELLED");
	}

	@Test
	void reactorDoesNotTreatItAsFatal() {
		Exceptions.throwIfJvmFatal(new CancelledError("not fatal")); // returns: only VM, linkage and ThreadDeath errors throw
		// thrown inside an operator, it becomes onError like any exception
		StepVerifier.create(Mono.just(1).<Integer>map(x -> {
					throw new CancelledError("in map");
				}).filter(x -> true).flatMap(Mono::just))
				.expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledError.class).hasMessage("in map"))
				.verify(Duration.ofSeconds(5));
		// and operators that select errors by type see it
		StepVerifier.create(Mono.<String>error(new CancelledError("x"))
						.onErrorResume(CancelledError.class, e -> Mono.just("resumed after " + e.getMessage())))
				.expectNext("resumed after x")
				.verifyComplete();
	}

	@Test
	void aMonoOfATaskCancelledFromInsideSignalsTheCancelledErrorToItsSubscriber() {
		// as before the rename: Async.mono of a task that ends CANCELLED errors with the cancellation
		StepVerifier.create(Async.mono(() -> {
					Async.currentTask().cancel("self");
					Async.yieldNow();
					return "unreachable";
				}))
				.expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledError.class).hasMessage("self"))
				.verify(Duration.ofSeconds(5));
	}

	@Test
	void disposingTheMonoStillCancelsTheTaskAtItsAwait() {
		CompletableFuture<String> seen = new CompletableFuture<>();
		StepVerifier.create(Async.mono(() -> {
					try {
						return Async.await(Mono.<String>never());
					}
					catch (CancelledError e) {
						seen.complete("cancelled");
						throw e;
					}
				}))
				.expectSubscription()
				.thenCancel()
				.verify(Duration.ofSeconds(5));
		assertThat(seen.join()).isEqualTo("cancelled");
	}

	@Test
	@ExtendWith(LoopPerTest.class)
	void toCompletableFutureOfACancelledTaskIsACancelledCompletableFuture(EventLoop loop) throws Exception {
		try (loop) {
			Task<String> t = loop.createTask(() -> Async.await(Mono.<String>never()));
			CompletableFuture<String> cf = t.toCompletableFuture();
			loop.run(() -> {
				Async.yieldNow();
				t.cancel("stop");
				return null;
			});
			assertThatThrownBy(cf::get).isInstanceOf(CancellationException.class);
			assertThat(cf.isCancelled()).isTrue();
			assertThat(cf.handle((v, e) -> e).join()).isInstanceOf(CancellationException.class).hasMessage("stop")
					.hasCauseInstanceOf(CancelledError.class);
		}
	}

	@Test
	void awaitingACancelledCompletableFutureIsACancellationAndOurOwnComesBackAsTheSameInstance() throws Exception {
		Async.run(() -> {
			CompletableFuture<String> foreign = new CompletableFuture<>();
			foreign.cancel(false);
			assertThatThrownBy(() -> Async.await(foreign)).isInstanceOf(CancelledError.class)
					.hasCauseInstanceOf(CancellationException.class);

			Task<String> t = Async.createTask(() -> Async.await(Mono.<String>never()));
			CompletableFuture<String> cf = t.toCompletableFuture();
			Async.yieldNow();
			t.cancel("stop");
			Throwable direct = null;
			try {
				Async.await(t);
			}
			catch (CancelledError e) {
				direct = e;
			}
			Throwable viaCf = null;
			try {
				Async.await(cf);
			}
			catch (CancelledError e) {
				viaCf = e;
			}
			assertThat(viaCf).isNotNull().isSameAs(cf.handle((v, e) -> e).join().getCause());
			assertThat(direct).isInstanceOf(CancelledError.class);
			return null;
		});
	}

	@Test
	void aCancelledCompletableFutureStillCancelsTheTaskAwaitingIt() throws Exception {
		Future.State state = Async.run(() -> {
			CompletableFuture<String> cf = new CompletableFuture<>();
			Task<String> t = Async.createTask(() -> Async.await(cf));
			Async.yieldNow();
			cf.cancel(false);
			try {
				Async.await(t);
			}
			catch (CancelledError expected) {
				// the task ended cancelled, as it did when the signal was a CancellationException
			}
			return t.state();
		});
		assertThat(state).isEqualTo(Future.State.CANCELLED);
	}

	@Test
	@ExtendWith(LoopPerTest.class)
	@LoopPerTest.Options(debug = true)
	void debugModeReportsATaskThatSwallowedACancelWithWhereItLanded(EventLoop loop) throws Exception {
		List<ExceptionContext> reported = new ArrayList<>();
		try (loop) {
			loop.setExceptionHandler(reported::add);
			loop.run(() -> {
				Task<String> swallower = Async.createTask(() -> {
					try {
						Async.sleep(Duration.ofHours(1));
					}
					catch (CancelledError e) {
						// swallowed
					}
					return "done anyway";
				}, "swallower");
				Task<String> rethrower = Async.createTask(() -> {
					try {
						Async.sleep(Duration.ofHours(1));
					}
					catch (CancelledError e) {
						throw e;
					}
					return "unreachable";
				});
				Task<String> uncanceller = Async.createTask(() -> {
					try {
						Async.sleep(Duration.ofHours(1));
					}
					catch (CancelledError e) {
						Async.currentTask().uncancel(); // handled for good: not a swallowed cancel
					}
					return "handled";
				});
				Async.yieldNow();
				swallower.cancel();
				rethrower.cancel();
				uncanceller.cancel();
				Async.gatherReturnExceptions(swallower, rethrower, uncanceller);
				assertThat(swallower.result()).isEqualTo("done anyway");
				return null;
			});
		}
		assertThat(reported).hasSize(1);
		ExceptionContext c = reported.get(0);
		assertThat(c.message()).contains("swallower").contains("swallowed the CancelledError");
		assertThat(c.task()).isNotNull().extracting(Task::name).isEqualTo("swallower");
		// the stack is the one of the await that threw it into the body
		assertThat(Arrays.stream(c.exception().getStackTrace()).map(e -> e.getClassName() + "." + e.getMethodName()))
				.contains("io.github.reactorasyncio.Async.sleep");
	}

	@Test
	@ExtendWith(LoopPerTest.class)
	void withoutDebugModeASwallowedCancelIsNotReported(EventLoop loop) throws Exception {
		List<ExceptionContext> reported = new ArrayList<>();
		try (loop) {
			loop.setExceptionHandler(reported::add);
			String r = loop.run(() -> {
				Task<String> t = Async.createTask(() -> {
					try {
						Async.sleep(Duration.ofHours(1));
					}
					catch (CancelledError e) {
						// swallowed
					}
					return "done anyway";
				});
				Async.yieldNow();
				t.cancel();
				return Async.await(t);
			});
			assertThat(r).isEqualTo("done anyway");
		}
		assertThat(reported).isEmpty();
	}
}
