/**
 * reactor-asyncio's core: the event loop, coroutines, tasks and futures, {@code Async.await} and the asyncio
 * toolkit, on Project Reactor. Exports the public API only; {@code io.github.reactorasyncio.internal} is the
 * machinery behind it (see its package documentation for what goes where).
 */
module io.github.reactorasyncio {
	requires transitive reactor.core;
	requires transitive org.reactivestreams;
	requires static transitive org.jspecify;
	requires static transitive com.google.errorprone.annotations;
	// optional: a coroutine's MDC follows it across awaits when SLF4J is present
	requires static org.slf4j;
	// optional: only the metrics package uses it
	requires static micrometer.core;

	exports io.github.reactorasyncio;
	exports io.github.reactorasyncio.metrics;
}
