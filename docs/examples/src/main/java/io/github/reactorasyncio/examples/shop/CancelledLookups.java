package io.github.reactorasyncio.examples.shop;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Which price lookups were cancelled (the client went away, or a timeout passed): worth a metric in a real
 * shop, and what the tests watch to see cancellation reach a coroutine.
 */
@Component
public class CancelledLookups {

	private final Sinks.Many<String> events = Sinks.many().replay().all();

	/** Creates an empty record; Spring does this. */
	public CancelledLookups() {
	}

	/**
	 * Records a cancelled lookup. Thread-safe.
	 *
	 * @param productId the product whose price was being looked up
	 */
	public void record(String productId) {
		events.emitNext(productId, Sinks.EmitFailureHandler.busyLooping(java.time.Duration.ofSeconds(1)));
	}

	/** @return a hot Flux of every product id recorded so far and from now on */
	public Flux<String> events() {
		return events.asFlux();
	}
}
