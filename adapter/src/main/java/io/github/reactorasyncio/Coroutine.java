package io.github.reactorasyncio;

/**
 * The body of a coroutine: Python's {@code async def}. It runs on an {@link EventLoop}, one step at a
 * time, and may call {@link Async#await(reactor.core.publisher.Mono)} wherever it wants to wait.
 *
 * <p>What {@link #call()} returns becomes the result of its {@link Task}; what it throws, checked or
 * not, becomes the task's exception, unwrapped. A body that returns a {@code Publisher}, or a
 * {@code CompletionStage} that is not done, most likely forgot to await it, and is reported (the task fails
 * in debug mode); see {@link Async#unawaited(Object)} to return one on purpose.
 *
 * @param <T> the result type; {@code Void} (returning {@code null}) for a coroutine that returns nothing
 */
@FunctionalInterface
public interface Coroutine<T extends @org.jspecify.annotations.Nullable Object> {

	/**
	 * Runs the body on the loop's logical thread.
	 *
	 * @return the result, possibly {@code null}
	 * @throws Exception anything, delivered to awaiters and subscribers as the same instance
	 */
	T call() throws Exception;
}
