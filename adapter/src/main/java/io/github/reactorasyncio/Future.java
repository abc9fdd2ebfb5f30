package io.github.reactorasyncio;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.github.reactorasyncio.internal.FutureImpl;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A result that will be set later, bound to one {@link EventLoop}: Python's {@code asyncio.Future}.
 * Create one with {@link EventLoop#createFuture()}; a coroutine waits for it with
 * {@link Async#await(Awaitable)}.
 *
 * <p>State changes ({@link #setResult}, {@link #setException}, {@link #cancel()}) may be called from any
 * thread; done callbacks always run on the loop, in the order they were added, scheduled with
 * {@link EventLoop#callSoon(Runnable)} as in Python.
 *
 * <p>Its four states map to a JavaScript {@code Promise} and a Reactor {@code Mono}: {@code PENDING} is a
 * pending promise / a Mono that has not signalled, {@code DONE} is fulfilled or rejected / {@code onNext}
 * or {@code onError}, {@code CANCELLED} has no Promise twin and is a cancelled subscription.
 *
 * <p>Not for implementation: the interface is sealed, and futures come from the loop
 * ({@link EventLoop#createFuture()}) or are tasks. To make a type of your own awaitable, implement
 * {@link Awaitable}.
 *
 * @param <T> the result type
 */
public sealed interface Future<T extends @Nullable Object> extends Awaitable<T> permits Task, FutureImpl {

	/** The states of a future; {@link #RUNNING} is used by {@link Task} only, while a step executes. */
	enum State {
		/** Not done yet. */
		PENDING,
		/** A task whose step is executing right now. */
		RUNNING,
		/** Done with a result or an exception. */
		DONE,
		/** Cancelled. */
		CANCELLED
	}

	/** {@return the loop this future belongs to; its callbacks run there} */
	EventLoop loop();

	/** {@return the current state} */
	State state();

	/** {@return whether the future is {@link State#DONE} or {@link State#CANCELLED}} */
	boolean isDone();

	/** {@return whether the future is {@link State#CANCELLED}} */
	boolean isCancelled();

	/**
	 * The result: the value, or the exception thrown as the same instance.
	 *
	 * @return the result, possibly {@code null}
	 * @throws CancelledError if the future was cancelled
	 * @throws InvalidStateException if it is not done yet
	 * @throws Exception the future's exception
	 */
	T result() throws Exception;

	/**
	 * The exception the future completed with, and marks it as retrieved.
	 *
	 * @return the exception, or {@code null} if the future has a result
	 * @throws CancelledError if the future was cancelled
	 * @throws InvalidStateException if it is not done yet
	 */
	@Nullable
	Throwable exception();

	/**
	 * Completes the future with a value and schedules its callbacks.
	 *
	 * @param result the value, possibly {@code null}
	 * @throws InvalidStateException if it is already done
	 */
	void setResult(T result);

	/**
	 * Completes the future with an exception and schedules its callbacks.
	 *
	 * @param exception the exception awaiters will see, as the same instance
	 * @throws InvalidStateException if it is already done
	 */
	void setException(Throwable exception);

	/**
	 * Cancels the future, as {@link #cancel(String)} with no message.
	 *
	 * @return {@code false} if it was already done, else {@code true}
	 */
	boolean cancel();

	/**
	 * Cancels the future: awaiters get {@link CancelledError} with this message.
	 *
	 * @param message the message of the {@link CancelledError}, or {@code null}
	 * @return {@code false} if it was already done, else {@code true}
	 */
	boolean cancel(@Nullable String message);

	/**
	 * Calls the callback on the loop once the future is done (scheduled with {@code callSoon} at once if it
	 * is done already). Callbacks run in the order they were added.
	 *
	 * @param callback receives this future
	 * @throws IllegalStateException if the future's loop is closed, which would never run it
	 */
	void addDoneCallback(Consumer<? super Future<T>> callback);

	/**
	 * Removes every registration of the callback.
	 *
	 * @param callback the callback given to {@link #addDoneCallback}
	 * @return how many registrations were removed
	 */
	int removeDoneCallback(Consumer<? super Future<T>> callback);

	/**
	 * A hot view: each subscriber gets the outcome once the future is done, signalled on the loop (or at
	 * once on the subscribing thread if it is done already); a {@code null} result completes empty; a
	 * cancelled future signals {@link CancelledError}. Cancelling the subscription stops watching and
	 * does <em>not</em> cancel the future. If the future's loop closes while it is still pending, which
	 * nothing would complete any more, each subscriber gets an {@link IllegalStateException} saying so,
	 * as a task of another loop awaiting it does. A task awaiting the view of itself fails at once, as
	 * {@code Async.await} of itself does.
	 */
	@Override
	Mono<T> toMono();

	/**
	 * A {@code CompletableFuture} completed on the loop with this future's outcome. A cancelled future
	 * cancels it: it completes with a {@code CancellationException} (what {@code CompletableFuture} users
	 * expect, and {@code isCancelled()} is true) whose cause is the {@link CancelledError}. Cancelling the
	 * returned {@code CompletableFuture} cancels this future.
	 *
	 * <p>If the future's loop closes while it is still pending, the {@code CompletableFuture} completes
	 * exceptionally with an {@link IllegalStateException} saying so, as {@link #toMono()} subscribers and tasks
	 * of another loop awaiting it fail (one taken after the close fails at once): nothing would complete the
	 * future any more, and a waiter must not wait for ever. A later {@code setResult} from another thread does
	 * not change it; a view taken after that gets the outcome. (asyncio leaves such a view pending for ever, and
	 * its {@code set_result} then raises {@code RuntimeError: Event loop is closed}.)
	 *
	 * @return a new CompletableFuture
	 */
	CompletableFuture<T> toCompletableFuture();
}
