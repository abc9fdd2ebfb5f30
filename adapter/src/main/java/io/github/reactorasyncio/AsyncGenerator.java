package io.github.reactorasyncio;

/**
 * The body of {@link Async#flux(AsyncGenerator)}: Python's async generator function, an
 * {@code async def} that {@code yield}s. It runs as a coroutine, so it may await between emits.
 *
 * {@snippet file="JavadocSnippets.java" region="AsyncGenerator"}
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface AsyncGenerator<T> {

	/**
	 * Produces the elements by calling {@link FluxEmitter#emit}. Returning completes the Flux; throwing
	 * fails it with the same exception instance.
	 *
	 * @param emitter where to emit; valid until this returns
	 * @throws Exception anything, delivered to the subscriber's {@code onError} as the same instance
	 */
	void generate(FluxEmitter<T> emitter) throws Exception;
}
