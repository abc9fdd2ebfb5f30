package io.github.reactorasyncio;

/**
 * How the body of {@link Async#flux(AsyncGenerator)} emits: Python's {@code yield} inside an
 * {@code async def}. Given to the body; use it only from the body's own task.
 *
 * @param <T> the element type
 */
public interface FluxEmitter<T> {

	/**
	 * Signals {@code onNext(value)} to the subscriber, on the loop, once the subscriber has requested it:
	 * while there is no outstanding demand the coroutine suspends here and the loop runs other work. So a
	 * slow subscriber slows the body down instead of filling a buffer.
	 *
	 * @param value the element, not {@code null}
	 * @throws CancelledError if the subscriber cancelled (at once, or while this waited for demand),
	 *         or the body's task was cancelled otherwise; let it propagate, after any cleanup
	 * @throws IllegalStateException if called from another task than the body's, or after the body
	 *         returned
	 */
	void emit(T value);
}
