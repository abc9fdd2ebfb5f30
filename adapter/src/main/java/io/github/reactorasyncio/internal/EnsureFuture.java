package io.github.reactorasyncio.internal;

import io.github.reactorasyncio.Awaitable;
import io.github.reactorasyncio.Future;
import org.jspecify.annotations.Nullable;

/** Python's {@code asyncio.ensure_future}: a future as is, any other awaitable wrapped in a task. */
final class EnsureFuture {

	private EnsureFuture() {
	}

	/**
	 * @return the awaitable itself if it is a future of {@code loop}, else a new task on {@code loop} that
	 *         awaits it
	 * @throws IllegalArgumentException for a future of another loop, whose callbacks would race with ours
	 */
	@SuppressWarnings("unchecked")
	static <T extends @Nullable Object> Future<T> of(EventLoopImpl loop, Awaitable<? extends T> awaitable) {
		if (awaitable instanceof Future<?> f) {
			if (f.loop() != loop) {
				throw new IllegalArgumentException(f + " belongs to " + f.loop() + ", not to the running " + loop
						+ ". Await it from a task of this loop instead: Async.createTask(() -> Async.await(f)).");
			}
			return (Future<T>) f;
		}
		// whatever the awaitable gives, a Publisher included, is the value: not a forgotten await
		return loop.createTask(() -> unawaited(Bridge.await(awaitable.toMono())));
	}

	private static <T extends @Nullable Object> T unawaited(T value) {
		Bridge.returnsUnawaited("EnsureFuture");
		return value;
	}
}
