package io.github.reactorasyncio.examples.guide;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.CancelledError;
import reactor.core.publisher.Mono;

/** {@code Async.timeout}: a deadline for a block of straight-line code. */
public final class Timeouts {

	private Timeouts() {
	}

	private static Mono<String> slowCall(String what, Duration latency) {
		return Mono.delay(latency).thenReturn(what);
	}

	/**
	 * Runs a block that finishes in time and one that does not.
	 *
	 * @return what happened
	 * @throws Exception never, in practice
	 */
	// tag::main[]
	public static String run() throws Exception {
		return Async.run(() -> {
			String quick = Async.timeout(Duration.ofSeconds(10), () -> {
				String a = Async.await(slowCall("a", Duration.ofMillis(1)));
				String b = Async.await(slowCall("b", Duration.ofMillis(1)));
				return a + b;                          // the deadline covers both awaits
			});
			StringBuilder cleanup = new StringBuilder();
			try {
				Async.timeout(Duration.ofMillis(20), () -> {
					try {
						return Async.await(slowCall("never", Duration.ofHours(1)));
					}
					catch (CancelledError e) {     // inside the block, a timeout is a cancellation
						cleanup.append("cleaned up");
						throw e;
					}
				});
				return "unreachable";
			}
			catch (TimeoutException e) {               // outside it, a TimeoutException
				return quick + ", then a timeout (" + cleanup + ")";
			}
		});
	}
	// end::main[]
}
