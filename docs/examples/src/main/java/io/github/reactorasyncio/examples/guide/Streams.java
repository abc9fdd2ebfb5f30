package io.github.reactorasyncio.examples.guide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.AsyncIterator;
import io.github.reactorasyncio.CancelledError;
import reactor.core.publisher.Flux;

/** Async generators ({@code Async.flux}) and {@code async for} ({@code Async.iterate}). */
public final class Streams {

	private Streams() {
	}

	// tag::main[]
	/** Python: {@code async def ticks(): n = 0; while True: n += 1; yield n; await asyncio.sleep(0.001)} */
	static Flux<Integer> ticks(List<String> log) {
		return Async.flux(emitter -> {
			try {
				for (int n = 1; ; n++) {
					emitter.emit(n);                      // suspends until the subscriber wants it
					Async.sleep(Duration.ofMillis(1));
				}
			}
			catch (CancelledError e) {
				log.add("generator cancelled");           // the consumer stopped: clean up here
				throw e;
			}
		});
	}

	/**
	 * Takes three ticks with {@code async for}, and three more as a plain Flux.
	 *
	 * @return what happened, in order
	 * @throws Exception never, in practice
	 */
	public static List<String> run() throws Exception {
		List<String> log = new ArrayList<>();
		Async.run(() -> {
			try (AsyncIterator<Integer> it = Async.iterate(ticks(log))) {   // Python: async for n in ticks()
				while (it.hasNext()) {
					int n = it.next();
					log.add("got " + n);
					if (n == 3) {
						break;                            // closing the iterator cancels the generator
					}
				}
			}
			List<Integer> viaReactor = Async.await(ticks(log).take(3).collectList());  // it is a Flux, too
			log.add("reactor got " + viaReactor);
			return null;
		});
		return log;
	}
	// end::main[]
}
