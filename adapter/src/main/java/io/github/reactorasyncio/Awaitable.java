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

	/**
	 * The Mono as an awaitable, so that it can go where an {@code Awaitable} is asked for, as Python passes a
	 * coroutine to {@code gather} or {@code as_completed}: {@code Async.asCompleted(monos.stream().map(Awaitable::of).toList())}.
	 * Nothing is subscribed until the awaitable is awaited (or wrapped in a task by {@code gather} or
	 * {@code asCompleted}); each await subscribes once more, as awaiting the Mono would.
	 *
	 * @param mono the Mono
	 * @param <T> its value type
	 * @return an awaitable whose {@link #toMono()} is {@code mono}
	 */
	static <T extends @org.jspecify.annotations.Nullable Object> Awaitable<T> of(Mono<T> mono) {
		java.util.Objects.requireNonNull(mono, "mono");
		return () -> mono;
	}

	/**
	 * The stage (e.g. a {@code CompletableFuture}) as an awaitable: awaiting it is awaiting the stage, with a
	 * {@code CompletionException} unwrapped to its cause; cancelling the awaiting task cancels a
	 * {@code CompletableFuture}.
	 *
	 * @param stage the stage
	 * @param <T> its value type
	 * @return an awaitable of the stage's outcome
	 */
	static <T extends @org.jspecify.annotations.Nullable Object> Awaitable<T> of(
			java.util.concurrent.CompletionStage<T> stage) {
		java.util.Objects.requireNonNull(stage, "stage");
		return () -> Mono.fromCompletionStage(stage);
	}
}
