package io.github.reactorasyncio;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.reactorasyncio.internal.EventLoopImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Async#flux(AsyncGenerator)} and its {@link FluxEmitter}. */
@Timeout(30)
@ExtendWith(LoopPerTest.class)
// a loop on a virtual clock: subscribing returns only once the loop is idle, and settle() waits for it
@LoopPerTest.Options(virtualTime = true)
class AsyncGeneratorTest {

	@RegisterExtension
	final Steps steps = new Steps();

	@LoopPerTest.Loop
	private EventLoop loop;

	/** Blocks the test thread until the loop has run everything that is ready. */
	private void settle() {
		((EventLoopImpl) loop).awaitIdle();
	}

	private AsyncGenerator<Integer> counting(int n) {
		return emitter -> {
			try {
				for (int i = 0; i < n; i++) {
					steps.add("emit " + i);
					emitter.emit(i);
					steps.add("emitted " + i);
				}
			}
			catch (CancelledError e) {
				steps.add("cancelled");
				throw e;
			}
		};
	}

	@Test
	void emitSuspendsTheCoroutineUntilTheSubscriberRequests() {
		StepVerifier.create(Async.flux(loop, counting(3)), 0)
				.expectSubscription()
				.then(() -> assertThat(steps).containsExactly("emit 0"))
				.thenRequest(1)
				.expectNext(0)
				.then(() -> {
					settle();
					assertThat(steps).containsExactly("emit 0", "emitted 0", "emit 1");
				})
				.thenRequest(2)
				.expectNext(1, 2)
				.verifyComplete();
		assertThat(steps).endsWith("emitted 2");
	}

	@Test
	void cancellingTheSubscriptionCancelsTheCoroutineAtItsEmit() {
		StepVerifier.create(Async.flux(loop, counting(10)), 2)
				.expectNext(0, 1)
				.thenCancel()
				.verify();
		settle();
		assertThat(steps).containsExactly("emit 0", "emitted 0", "emit 1", "emitted 1", "emit 2", "cancelled");
	}

	@Test
	void cancellingTheSubscriptionCancelsAnAwaitInTheBodyUnderVirtualTime() {
		AtomicReference<EventLoop> used = new AtomicReference<>();
		StepVerifier.withVirtualTime(() -> Async.<String>flux(emitter -> {
					used.set(Async.currentLoop());
					emitter.emit("first");
					try {
						Async.sleep(Duration.ofHours(1));
						emitter.emit("after an hour");
						Async.sleep(Duration.ofHours(1));
					}
					catch (CancelledError e) {
						steps.add("sleep cancelled");
						throw e;
					}
				}))
				.expectNext("first")
				.thenAwait(Duration.ofHours(1))
				.expectNext("after an hour")
				.thenCancel()
				.verify();
		((EventLoopImpl) used.get()).awaitIdle();
		assertThat(steps).containsExactly("sleep cancelled");
	}

	@Test
	void bodyExceptionIsTheSameInstanceAtOnError() {
		IOException boom = new IOException("boom");
		StepVerifier.create(Async.<Integer>flux(loop, emitter -> {
					emitter.emit(1);
					throw boom;
				}))
				.expectNext(1)
				.expectErrorSatisfies(e -> assertThat(e).isSameAs(boom))
				.verify();
	}

	@Test
	void takeCancelsTheGeneratorWhenConsumedInsideACoroutineOfTheSameLoop() throws Exception {
		List<Integer> got = loop.run(() -> Async.await(Async.flux(counting(1_000)).take(2).collectList()));
		assertThat(got).containsExactly(0, 1);
		settle();
		// take(2) cancels inside the second onNext; the next emit sees it
		assertThat(steps).containsExactly("emit 0", "emitted 0", "emit 1", "emitted 1", "emit 2", "cancelled");
	}

	@Test
	void unboundedDemandNeverSuspendsAndEachSubscriptionRunsTheBodyAgain() {
		Flux<Integer> flux = Async.flux(loop, emitter -> {
			for (int i = 0; i < 10_000; i++) {
				emitter.emit(i);
			}
		});
		StepVerifier.create(flux).expectNextCount(10_000).verifyComplete();
		StepVerifier.create(flux.takeLast(1)).expectNext(9_999).verifyComplete();
	}

	@Test
	void theBodySeesTheSubscribersContext() {
		StepVerifier.create(Async.<String>flux(loop, emitter -> emitter.emit(Async.context().get("user")))
						.contextWrite(Context.of("user", "ada")))
				.expectNext("ada")
				.verifyComplete();
	}

	@Test
	void subscribingOnAClosedLoopSignalsTheErrorInsteadOfThrowing() {
		EventLoop closed = EventLoop.create();
		closed.close();
		StepVerifier.create(Async.<Integer>flux(closed, emitter -> emitter.emit(1)))
				.expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
						.hasMessageContaining("closed"))
				.verify();
	}

	@Test
	void aLeakedEmitterIsRefusedOutsideTheBodysTask() {
		AtomicReference<FluxEmitter<Integer>> leaked = new AtomicReference<>();
		StepVerifier.create(Async.<Integer>flux(loop, leaked::set)).verifyComplete();
		assertThatThrownBy(() -> loop.run(() -> {
			leaked.get().emit(1);
			return null;
		})).isInstanceOf(IllegalStateException.class).hasMessageContaining("only the generator's own task");
	}

	@Test
	void emitRefusesNullAndCallsFromOtherTasks() {
		StepVerifier.create(Async.<String>flux(loop, emitter -> {
					assertThatThrownBy(() -> emitter.emit(null)).isInstanceOf(NullPointerException.class);
					Task<Void> other = Async.createTask(() -> {
						emitter.emit("from elsewhere");
						return null;
					});
					assertThatThrownBy(() -> Async.await(other)).isInstanceOf(IllegalStateException.class)
							.hasMessageContaining("only the generator's own task");
					emitter.emit("ok");
				}))
				.expectNext("ok")
				.verifyComplete();
	}
}
