package io.github.reactorasyncio;

import reactor.core.publisher.Mono;

/**
 * Something a coroutine can {@link Async#await(Awaitable) await}: Python's awaitable. {@link Future} and
 * {@link Task} implement it; a user type implements it by saying how to observe it as a {@link Mono}.
 *
 * @param <T> the value produced
 */
public interface Awaitable<T extends @org.jspecify.annotations.Nullable Object> {

	/**
	 * A {@code Mono} that signals this awaitable's outcome: one value (or empty for {@code null}) or its
	 * exception, the same instance. Awaiting the awaitable subscribes to it, and cancelling the awaiting
	 * task cancels that subscription.
	 *
	 * @return the Mono view of this awaitable
	 */
	Mono<T> toMono();
}
