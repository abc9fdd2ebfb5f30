package io.github.reactorasyncio.examples.guide;

import java.time.Duration;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.Task;
import reactor.core.publisher.Mono;

/** The guide's first program: two slow calls awaited concurrently, in straight-line code. */
public final class FirstCoroutine {

	private FirstCoroutine() {
	}

	// tag::main[]
	/** Stands for any non-blocking call: an HTTP request, a database query. */
	static Mono<String> slowCall(String what, Duration latency) {
		return Mono.delay(latency).thenReturn(what);
	}

	/**
	 * Fetches a user and their orders at the same time.
	 *
	 * @return what the two calls returned
	 * @throws Exception if a call fails
	 */
	public static String fetchBoth() throws Exception {
		return Async.run(() -> {                          // a fresh event loop runs this coroutine
			Task<String> orders = Async.createTask(      // starts now, runs while we wait below
					() -> Async.await(slowCall("orders", Duration.ofMillis(200))));
			String user = Async.await(slowCall("user", Duration.ofMillis(200)));
			return user + " + " + Async.await(orders);   // about 200 ms in all, not 400
		});
	}
	// end::main[]
}
