package io.github.reactorasyncio.examples.guide;

import java.time.Duration;

import io.github.reactorasyncio.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The guide's testing samples: coroutines under StepVerifier, on real and on virtual time. */
@Timeout(30)
class TestingWithStepVerifierTest {

	// tag::plain[]
	@Test
	void aCoroutineIsAMono() {
		Mono<String> greeting = Async.mono(() -> {
			String name = Async.await(Mono.just("Ada"));
			return "Hello, " + name;
		});
		StepVerifier.create(greeting)
				.expectNext("Hello, Ada")
				.verifyComplete();
	}
	// end::plain[]

	// tag::virtual[]
	@Test
	void anHourPassesInNoTime() {
		StepVerifier.withVirtualTime(() -> Async.mono(() -> {
					Async.sleep(Duration.ofHours(1));
					return 42;
				}))
				.expectSubscription()
				.expectNoEvent(Duration.ofMinutes(59))   // still sleeping after 59 virtual minutes
				.thenAwait(Duration.ofMinutes(1))
				.expectNext(42)
				.verifyComplete();
	}
	// end::virtual[]

	// tag::errors[]
	@Test
	void theCoroutinesExceptionIsTheMonosError() {
		IllegalStateException boom = new IllegalStateException("out of stock");
		StepVerifier.create(Async.mono(() -> {
					throw boom;
				}))
				.expectErrorSatisfies(e -> org.assertj.core.api.Assertions.assertThat(e).isSameAs(boom))
				.verify();
	}
	// end::errors[]

	// tag::cancel[]
	@Test
	void cancellingTheSubscriptionCancelsTheTask() {
		java.util.concurrent.CompletableFuture<String> cleanedUp = new java.util.concurrent.CompletableFuture<>();
		StepVerifier.withVirtualTime(() -> Async.mono(() -> {
					try {
						Async.sleep(Duration.ofHours(1));
						return "never";
					}
					catch (io.github.reactorasyncio.CancelledError e) {
						cleanedUp.complete("cleaned up");
						throw e;
					}
				}))
				.expectSubscription()
				.thenAwait(Duration.ofMinutes(1))
				.thenCancel()
				.verify();
		StepVerifier.create(Mono.fromFuture(cleanedUp))
				.expectNext("cleaned up")
				.verifyComplete();
	}
	// end::cancel[]
}
