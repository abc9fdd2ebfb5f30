package io.github.reactorasyncio;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
@ExtendWith(LoopPerTest.class)
class AsyncTest {

	@RegisterExtension
	final Steps steps = new Steps();

	@LoopPerTest.Loop
	private EventLoop loop;

	@Test
	void twoCoroutinesYieldingInterleaveStrictly() throws Exception {
		loop.run(() -> {
			Task<Void> a = Async.createTask(() -> {
				for (int i = 0; i < 5; i++) {
					steps.add("A");
					Async.sleep(Duration.ZERO);
				}
				return null;
			});
			Task<Void> b = Async.createTask(() -> {
				for (int i = 0; i < 5; i++) {
					steps.add("B");
					Async.yieldNow();
				}
				return null;
			});
			Async.await(a);
			Async.await(b);
			return null;
		});
		assertThat(String.join("", steps)).isEqualTo("ABABABABAB");
	}

	@Test
	void awaitOfCompletedValuesDoesNotSwitch() throws Exception {
		loop.run(() -> {
			Future<String> done = Async.currentLoop().createFuture();
			done.setResult("f");
			Async.createTask(() -> steps.add("other"));
			steps.add(Async.await(Mono.just("just")));
			steps.add(String.valueOf(Async.<String>await(Mono.<String>empty())));
			steps.add(Async.await(done));
			steps.add(Async.await(CompletableFuture.completedFuture("cf")));
			steps.add(Async.await(Mono.fromSupplier(() -> "sync")));
			steps.add("yield");
			Async.yieldNow();
			return null;
		});
		assertThat(steps).containsExactly("just", "null", "f", "cf", "sync", "yield", "other");
	}

	@Test
	void awaitOfPendingMonoLetsOthersRunAndResumesWithItsValue() throws Exception {
		Sinks.One<String> sink = Sinks.one();
		String result = loop.run(() -> {
			Async.createTask(() -> {
				steps.add("other runs while main waits");
				sink.tryEmitValue("value");
				return null;
			});
			String v = Async.await(sink.asMono());
			steps.add("main resumed");
			return v;
		});
		assertThat(result).isEqualTo("value");
		assertThat(steps).containsExactly("other runs while main waits", "main resumed");
	}

	@Test
	void monoSignallingOnAnotherThreadResumesOnTheLoop() throws Exception {
		List<Boolean> inCoroutine = new ArrayList<>();
		long v = loop.run(() -> {
			long x = Async.await(Mono.delay(Duration.ofMillis(5), Schedulers.parallel()));
			inCoroutine.add(Async.inCoroutine());
			return x;
		});
		assertThat(v).isZero();
		assertThat(inCoroutine).containsExactly(true);
	}

	@Test
	void exceptionsKeepIdentityThroughAwaitRunAndMono() {
		IOException boom = new IOException("boom");
		assertThatThrownBy(() -> loop.run(() -> Async.await(Mono.error(boom)))).isSameAs(boom);
		assertThatThrownBy(() -> loop.run(() -> Async.await(Mono.delay(Duration.ofMillis(1)).then(Mono.error(boom)))))
				.isSameAs(boom);
		assertThatThrownBy(() -> loop.run(() -> {
			throw boom;
		})).isSameAs(boom);
		StepVerifier.create(Async.mono(loop, () -> {
			throw boom;
		})).expectErrorSatisfies(e -> assertThat(e).isSameAs(boom)).verify();
		assertThatThrownBy(() -> loop.run(() -> {
			Task<Void> child = Async.createTask(() -> {
				throw boom;
			});
			return Async.await(child);
		})).isSameAs(boom);
	}

	@Test
	void completionStageFailuresAreUnwrapped() {
		IllegalArgumentException cause = new IllegalArgumentException("x");
		CompletableFuture<String> failed = CompletableFuture.<String>failedFuture(cause).thenApply(s -> s);
		assertThatThrownBy(() -> loop.run(() -> Async.await(failed))).isSameAs(cause);
		CompletableFuture<String> later = new CompletableFuture<>();
		assertThatThrownBy(() -> loop.run(() -> {
			Async.createTask(() -> later.completeExceptionally(new CompletionException(cause)));
			return Async.await(later);
		})).isSameAs(cause);
	}

	@Test
	void awaitOutsideACoroutineIsAnErrorThatSaysWhatToDo() {
		assertThatThrownBy(() -> Async.await(Mono.just(1))).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("outside a coroutine").hasMessageContaining("Async.run")
				.hasMessageContaining("Async.mono");
		assertThatThrownBy(() -> Async.sleep(Duration.ZERO)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> Async.createTask(() -> 1)).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("No event loop");
		assertThat(Async.inCoroutine()).isFalse();
		assertThat(Async.currentTask()).isNull();
	}

	@Test
	void awaitInALoopCallbackIsAnErrorToo() throws Exception {
		CompletableFuture<Throwable> seen = new CompletableFuture<>();
		loop.callSoon(() -> {
			try {
				Async.await(Mono.just(1));
				seen.complete(null);
			}
			catch (Throwable e) {
				seen.complete(e);
			}
		});
		assertThat(seen.get()).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void runInsideACoroutineIsAnError() {
		assertThatThrownBy(() -> loop.run(() -> Async.run(() -> 1))).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("Async.await");
		assertThatThrownBy(() -> loop.run(() -> loop.run(() -> 1))).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void nullArgumentsAreRejected() {
		assertThatThrownBy(() -> Async.await((Mono<Object>) null)).isInstanceOf(NullPointerException.class)
				.hasMessage("mono");
		assertThatThrownBy(() -> Async.run(null)).isInstanceOf(NullPointerException.class).hasMessage("coroutine");
		assertThatThrownBy(() -> Async.mono(null)).isInstanceOf(NullPointerException.class);
		assertThatThrownBy(() -> Async.sleep(null)).isInstanceOf(NullPointerException.class);
	}

	@Test
	void asyncRunUsesAFreshLoopAndClosesIt() throws Exception {
		EventLoop[] seen = new EventLoop[1];
		int v = Async.run(() -> {
			seen[0] = Async.currentLoop();
			return 7;
		});
		assertThat(v).isEqualTo(7);
		assertThat(seen[0]).isNotSameAs(loop);
		assertThat(seen[0].isClosed()).isTrue();
	}

	@Test
	void monoIsColdAndRunsOncePerSubscription() {
		AtomicInteger runs = new AtomicInteger();
		Mono<Integer> mono = Async.mono(loop, runs::incrementAndGet);
		assertThat(runs).hasValue(0);
		StepVerifier.create(mono).expectNext(1).verifyComplete();
		StepVerifier.create(mono).expectNext(2).verifyComplete();
	}

	@Test
	void monoOfNullIsEmpty() {
		StepVerifier.create(Async.mono(loop, () -> null)).verifyComplete();
	}

	@Test
	void disposingTheMonoSubscriptionCancelsTheTask() {
		Sinks.One<String> never = Sinks.one();
		CompletableFuture<Throwable> seen = new CompletableFuture<>();
		AtomicInteger cancelled = new AtomicInteger();
		StepVerifier.create(Async.mono(loop, () -> {
			try {
				return Async.await(never.asMono().doOnCancel(cancelled::incrementAndGet));
			}
			catch (Throwable e) {
				seen.complete(e);
				throw e;
			}
		})).thenAwait(Duration.ofMillis(10)).thenCancel().verify();
		assertThat(seen.join()).isInstanceOf(CancelledError.class);
		assertThat(cancelled).hasValue(1);
	}

	@Test
	void monoWithoutALoopRunsOnTheSharedLoopOrTheCurrentOne() throws Exception {
		StepVerifier.create(Async.mono(() -> Async.currentLoop())).assertNext(l -> assertThat(l.isRunning()).isTrue())
				.verifyComplete();
		EventLoop inner = loop.run(() -> Async.await(Async.mono(Async::currentLoop)));
		assertThat(inner).isSameAs(loop);
	}

	@Test
	void coroutineSeesTheSubscribersContextAndAwaitsWithIt() {
		Mono<String> mono = Async.mono(loop, () -> Async.context().get("user") + "/"
				+ Async.await(Mono.deferContextual(c -> Mono.delay(Duration.ofMillis(1)).map(x -> c.<String>get("user")))));
		StepVerifier.create(mono.contextWrite(Context.of("user", "ana"))).expectNext("ana/ana").verifyComplete();
	}

	@Test
	void virtualTimeSleepNeedsNoRealWaiting() {
		StepVerifier.withVirtualTime(() -> Async.mono(() -> {
			Async.sleep(Duration.ofHours(1));
			return 42;
		})).expectSubscription().expectNoEvent(Duration.ofMinutes(59)).thenAwait(Duration.ofMinutes(1)).expectNext(42)
				.verifyComplete();
	}

	@Test
	void virtualTimeDrivesSuccessiveSleepsTimersAndReactorDelays() {
		StepVerifier.withVirtualTime(() -> Async.mono(() -> {
			Async.currentLoop().callLater(Duration.ofMinutes(90), () -> steps.add("timer"));
			Async.sleep(Duration.ofHours(1));
			steps.add("slept 1h");
			Async.await(Mono.delay(Duration.ofHours(1)));
			steps.add("delayed 1h");
			Async.sleep(Duration.ofHours(1));
			return steps.list().size();
		})).thenAwait(Duration.ofHours(1)).then(() -> assertThat(steps).containsExactly("slept 1h"))
				.thenAwait(Duration.ofHours(1)).then(() -> assertThat(steps).containsExactly("slept 1h", "timer",
						"delayed 1h"))
				.thenAwait(Duration.ofHours(1)).expectNext(3).verifyComplete();
	}

	@Test
	void sleepSuspendsForTheDelayOnTheLoopClock() throws Exception {
		long slept = loop.run(() -> {
			long t0 = Async.currentLoop().time();
			Async.sleep(Duration.ofMillis(20));
			return Async.currentLoop().time() - t0;
		});
		assertThat(slept).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
	}

	@Test
	void currentTaskAndLoopInsideACoroutine() throws Exception {
		Task<?>[] seen = new Task<?>[2];
		Task<String> t = loop.createTask(() -> {
			seen[0] = Async.currentTask();
			return Async.currentTask().name();
		}, "worker");
		assertThat(loop.run(() -> Async.await(t))).isEqualTo("worker");
		assertThat(seen[0]).isSameAs(t);
	}

	/*
	 * CPython 3.12 (test_tasks.test_sleep): await asyncio.sleep(0.01, 'yeah') -> 'yeah'
	 */
	@Test
	void sleepWithAResultReturnsItAfterTheDelay() {
		Object result = new Object();
		StepVerifier.withVirtualTime(() -> Async.mono(() -> Async.sleep(Duration.ofSeconds(10), result)))
				.expectSubscription()
				.expectNoEvent(Duration.ofSeconds(9))
				.thenAwait(Duration.ofSeconds(1))
				.expectNextMatches(r -> r == result)
				.verifyComplete();
	}
}
