package io.github.reactorasyncio.examples.guide;

import java.time.Duration;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.Awaitable;
import reactor.core.publisher.Mono;

/** A user type that coroutines can await. */
public final class CustomAwaitable {

	private CustomAwaitable() {
	}

	// tag::main[]
	/** A reply that arrives after a delay: anything that can say how to watch it as a Mono is awaitable. */
	record DelayedReply(String text, Duration delay) implements Awaitable<String> {
		@Override
		public Mono<String> toMono() {
			return Mono.delay(delay).thenReturn(text);
		}
	}

	/**
	 * Awaits a custom awaitable, a Mono and a CompletableFuture alike.
	 *
	 * @return the three values, joined
	 * @throws Exception never, in practice
	 */
	public static String run() throws Exception {
		return Async.run(() -> {
			String a = Async.await(new DelayedReply("awaitable", Duration.ofMillis(5)));
			String b = Async.await(Mono.just("mono"));      // already complete: no switch at all
			String c = Async.await(java.util.concurrent.CompletableFuture.supplyAsync(() -> "stage"));
			return a + ", " + b + ", " + c;
		});
	}
	// end::main[]
}
