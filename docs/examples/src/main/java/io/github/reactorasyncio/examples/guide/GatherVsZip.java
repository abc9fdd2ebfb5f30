package io.github.reactorasyncio.examples.guide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.Task;
import reactor.core.publisher.Mono;

/** The trap: {@code Async.gather} leaves the siblings of a failed child running; {@code Mono.zip} cancels them. */
public final class GatherVsZip {

	private GatherVsZip() {
	}

	/**
	 * Fails one of two concurrent operations, once with gather and once with Mono.zip.
	 *
	 * @return what happened, in order
	 * @throws Exception never, in practice
	 */
	// tag::main[]
	public static List<String> run() throws Exception {
		List<String> log = new ArrayList<>();
		Async.run(() -> {
			Task<String> slow = Async.createTask(() -> {
				Async.sleep(Duration.ofMillis(20));
				log.add("gather: the slow sibling finished anyway");
				return "slow";
			});
			Task<String> failing = Async.createTask(() -> {
				throw new IllegalStateException("boom");
			});
			try {
				Async.gather(slow, failing);
			}
			catch (IllegalStateException e) {
				log.add("gather threw " + e.getMessage() + "; slow sibling still running: " + !slow.isDone());
			}
			Async.await(slow);

			Mono<String> slowMono = Mono.delay(Duration.ofMillis(20)).thenReturn("slow")
					.doOnCancel(() -> log.add("zip: the slow sibling was cancelled"));
			try {
				Async.await(Mono.zip(slowMono, Mono.<String>error(new IllegalStateException("boom"))));
			}
			catch (IllegalStateException e) {
				log.add("zip threw " + e.getMessage());
			}
			return null;
		});
		return log;
	}
	// end::main[]
}
