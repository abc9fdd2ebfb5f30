package io.github.reactorasyncio;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@org.junit.jupiter.api.Timeout(30)
class TimeoutTest {

	@RegisterExtension
	final Steps steps = new Steps();

	private static final Duration LONG = Duration.ofHours(1);

	@Test
	void expiryInterruptsTheAwaitAndBecomesTimeoutExceptionForTheSubscriberOnVirtualTime() {
		StepVerifier.withVirtualTime(() -> Async.mono(() -> Async.timeout(Duration.ofSeconds(5), () -> {
					steps.add("start");
					try {
						Async.sleep(LONG);
						steps.add("woke");
					}
					catch (CancelledError e) {
						steps.add("cancelled");
						throw e;
					}
					return 1;
				})))
				.expectSubscription()
				.thenAwait(Duration.ofSeconds(4))
				.then(() -> assertThat(steps).containsExactly("start"))
				.thenAwait(Duration.ofSeconds(1))
				.expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TimeoutException.class)
						.hasCauseInstanceOf(CancelledError.class))
				.verify(Duration.ofSeconds(10));
		assertThat(steps).containsExactly("start", "cancelled");
	}

	@Test
	void aBodyThatFinishesInTimeReturnsItsValueAndLeavesTheTaskUncancelled() {
		StepVerifier.withVirtualTime(() -> Async.mono(() -> {
					String v = Async.timeout(Duration.ofSeconds(5), () -> {
						Async.sleep(Duration.ofSeconds(1));
						return "in time";
					});
					// the timer was disposed: sleeping past the old deadline is not interrupted
					Async.sleep(Duration.ofSeconds(10));
					return v + ", " + Async.currentTask().cancelling();
				}))
				.expectSubscription()
				.thenAwait(Duration.ofSeconds(11))
				.expectNext("in time, 0")
				.verifyComplete();
	}

	@Test
	void theObjectFormReportsExpiryAndStates() throws Exception {
		Async.run(() -> {
			Timeout t = Timeout.after(Duration.ZERO);
			assertThat(t.state()).isEqualTo(Timeout.State.CREATED);
			assertThatThrownBy(() -> t.reschedule(0L)).isInstanceOf(InvalidStateException.class)
					.hasMessageContaining("CREATED");
			assertThatThrownBy(() -> t.run(() -> {
				Async.sleep(LONG);
				return null;
			})).isInstanceOf(TimeoutException.class);
			assertThat(t.expired()).isTrue();
			assertThat(t.state()).isEqualTo(Timeout.State.EXPIRED);
			assertThatThrownBy(() -> t.run(() -> 1)).isInstanceOf(InvalidStateException.class)
					.hasMessageContaining("EXPIRED");

			Timeout ok = Timeout.after(LONG);
			assertThat(ok.run(() -> "x")).isEqualTo("x");
			assertThat(ok.expired()).isFalse();
			assertThat(ok.state()).isEqualTo(Timeout.State.EXITED);
			return null;
		});
	}

	@Test
	void rescheduleMovesTheDeadlineBothWays() {
		StepVerifier.withVirtualTime(() -> Async.mono(() -> {
					Timeout t = Timeout.after(Duration.ofSeconds(1));
					try {
						t.run(() -> {
							EventLoop loop = Async.currentLoop();
							t.reschedule(loop.time() + Duration.ofSeconds(10).toNanos());
							Async.sleep(Duration.ofSeconds(5)); // would have expired at 1 s
							steps.add("survived 5s");
							t.reschedule(null);
							Async.sleep(Duration.ofSeconds(20));
							steps.add("no deadline");
							t.reschedule(loop.time() - 1); // in the past: expires at the next iteration
							Async.sleep(Duration.ofSeconds(1));
							steps.add("unreachable");
							return null;
						});
					}
					catch (TimeoutException e) {
						steps.add("timeout, expired=" + t.expired());
					}
					return steps.list().size();
				}))
				.expectSubscription()
				.thenAwait(Duration.ofSeconds(30))
				.expectNext(3)
				.verifyComplete();
		assertThat(steps).containsExactly("survived 5s", "no deadline", "timeout, expired=true");
	}

	@Test
	void rescheduleAfterTakesADurationFromNow() {
		// Python: async with asyncio.timeout(1) as t: t.reschedule(loop.time() + 10); ...
		StepVerifier.withVirtualTime(() -> Async.mono(() -> {
					Timeout t = Timeout.after(Duration.ofSeconds(1));
					assertThatThrownBy(() -> t.rescheduleAfter(Duration.ofSeconds(1)))
							.isInstanceOf(InvalidStateException.class).hasMessageContaining("CREATED");
					try {
						t.run(() -> {
							long start = Async.currentLoop().time();
							t.rescheduleAfter(Duration.ofSeconds(10));
							assertThat(t.when()).isEqualTo(start + Duration.ofSeconds(10).toNanos());
							Async.sleep(Duration.ofSeconds(5)); // would have expired at 1 s
							steps.add("survived 5s");
							t.rescheduleAfter(null);
							assertThat(t.when()).isNull();
							Async.sleep(Duration.ofSeconds(20));
							steps.add("no deadline");
							t.rescheduleAfter(Duration.ofSeconds(2));
							Async.sleep(Duration.ofSeconds(3));
							steps.add("unreachable");
							return null;
						});
					}
					catch (TimeoutException e) {
						steps.add("timeout at " + Duration.ofNanos(Async.currentLoop().time()).toSeconds() + "s");
					}
					return steps.list().size();
				}))
				.expectSubscription()
				.thenAwait(Duration.ofSeconds(30))
				.expectNext(3)
				.verifyComplete();
		assertThat(steps).containsExactly("survived 5s", "no deadline", "timeout at 27s");
	}

	@Test
	void timeoutAtWithAPastDeadlineExpiresAtTheFirstSuspension() throws Exception {
		Async.run(() -> {
			long past = Async.currentLoop().time() - 1;
			assertThatThrownBy(() -> Async.timeoutAt(past, () -> {
				steps.add("runs until it suspends");
				Async.sleep(LONG);
				return null;
			})).isInstanceOf(TimeoutException.class);
			return null;
		});
		assertThat(steps).containsExactly("runs until it suspends");
	}

	@Test
	void nestedTimeoutsEachConvertOnlyTheirOwnCancellation() {
		StepVerifier.withVirtualTime(() -> Async.mono(() -> Async.timeout(Duration.ofSeconds(10), () -> {
					try {
						Async.timeout(Duration.ofSeconds(1), () -> {
							Async.sleep(LONG);
							return null;
						});
					}
					catch (TimeoutException inner) {
						steps.add("inner timed out");
					}
					try {
						Async.timeout(Duration.ofSeconds(100), () -> {
							Async.sleep(LONG);
							return null;
						});
					}
					catch (CancelledError outerReachedThroughInner) {
						steps.add("inner saw the outer cancellation as CancelledError");
						throw outerReachedThroughInner;
					}
					return "unreachable";
				})))
				.expectSubscription()
				.thenAwait(Duration.ofSeconds(10))
				.expectError(TimeoutException.class)
				.verify(Duration.ofSeconds(10));
		assertThat(steps).containsExactly("inner timed out",
				"inner saw the outer cancellation as CancelledError");
	}

	@Test
	void anOutsideCancelIsNeverSwallowedWhenTheTimeoutCancelledFirst() throws Exception {
		assertThat(outsideCancelRacingTheTimeout(true)).isEqualTo(Future.State.CANCELLED);
	}

	@Test
	void anOutsideCancelIsNeverSwallowedWhenTheTimeoutFiresAfterIt() throws Exception {
		assertThat(outsideCancelRacingTheTimeout(false)).isEqualTo(Future.State.CANCELLED);
	}

	/** Both the timeout and an outside cancel hit the task before it resumes, in either order. */
	private Future.State outsideCancelRacingTheTimeout(boolean timeoutFirst) throws Exception {
		Future.State state = Async.run(() -> {
			AtomicReference<Timeout> timeout = new AtomicReference<>();
			Task<String> t = Async.createTask(() -> {
				Timeout to = Timeout.after(LONG);
				timeout.set(to);
				try {
					return to.run(() -> {
						Async.sleep(LONG);
						return "unreachable";
					});
				}
				catch (Exception | CancelledError e) {
					steps.add(e.getClass().getSimpleName());
					throw e;
				}
			});
			Async.yieldNow(); // t enters its timeout and sleeps
			if (timeoutFirst) {
				timeout.get().reschedule(Async.currentLoop().time() - 1);
				Async.yieldNow(); // the timeout fires: t is cancelled and queued to resume
				t.cancel();
			}
			else {
				timeout.get().reschedule(Async.currentLoop().time() - 1); // fires before t resumes
				t.cancel();
			}
			assertThatThrownBy(() -> Async.await(t)).isInstanceOf(CancelledError.class);
			assertThat(timeout.get().expired()).isTrue();
			return t.state();
		});
		assertThat(steps).containsExactly("CancelledError");
		return state;
	}

	@Test
	void aBodyThatSwallowsTheCancellationReturnsNormallyAndIsNotCancelledLater() throws Exception {
		String result = Async.run(() -> {
			Timeout t = Timeout.after(Duration.ZERO);
			String r = t.run(() -> {
				try {
					Async.sleep(LONG);
					return "woke";
				}
				catch (CancelledError e) {
					return "swallowed";
				}
			});
			Async.yieldNow(); // the withdrawn cancel request must not hit here
			return r + ", expired=" + t.expired() + ", cancelling=" + Async.currentTask().cancelling();
		});
		assertThat(result).isEqualTo("swallowed, expired=true, cancelling=0");
	}

	@Test
	void anExceptionOtherThanTheCancellationPassesThroughUnchanged() throws Exception {
		IllegalStateException boom = new IllegalStateException("boom");
		Async.run(() -> {
			assertThatThrownBy(() -> Async.timeout(LONG, () -> {
				throw boom;
			})).isSameAs(boom);
			return null;
		});
	}

	@Test
	void outsideACoroutineItSaysWhereToCallIt() {
		assertThatThrownBy(() -> Timeout.after(Duration.ofSeconds(1)))
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("coroutine");
		assertThatThrownBy(() -> Timeout.at(0L).run(() -> 1))
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("coroutine");
	}
}
