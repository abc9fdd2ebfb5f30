package io.github.reactorasyncio;

import io.github.reactorasyncio.internal.TaskImpl;
import org.jspecify.annotations.Nullable;

/**
 * A coroutine scheduled on an {@link EventLoop}: Python's {@code asyncio.Task}. It is
 * {@link State#PENDING} while waiting to run or suspended at an await, {@link State#RUNNING} while one of
 * its steps executes, then {@link State#DONE} or {@link State#CANCELLED}.
 *
 * <p>{@link #cancel(String)} may be called from any thread. On the loop it acts at once: the await where
 * the task is suspended throws {@link CancelledError} when the task next runs, and what it was
 * awaiting is cancelled. From another thread the request is posted to the loop with
 * {@link EventLoop#callSoon(Runnable)} and takes effect in order with other ready work.
 *
 * <p>Not for implementation: the interface is sealed, and tasks come from {@link Async#createTask} and
 * {@link EventLoop#createTask}.
 *
 * @param <T> the result type
 */
public sealed interface Task<T extends @Nullable Object> extends Future<T> permits TaskImpl {

	/** {@return the task's name, {@code Task-N} unless one was given} */
	String name();

	/**
	 * Renames the task: Python's {@code Task.set_name}. The new name shows in {@link #name()},
	 * {@code toString()} and the reports of the loop's exception handler from then on. Thread-safe.
	 *
	 * @param name the new name
	 */
	void setName(String name);

	/**
	 * How many cancel requests are pending: incremented by each {@link #cancel()} of a task that is not
	 * done, decremented by {@link #uncancel()} (Python 3.11). Structured constructs such as timeouts use it
	 * to tell their own cancellation from an outside one.
	 *
	 * @return the number of pending cancel requests
	 */
	int cancelling();

	/**
	 * Withdraws one cancel request; call it after handling a cancellation you caused yourself. Must be
	 * called on the loop.
	 *
	 * @return the number of requests left
	 */
	int uncancel();

	/**
	 * Requests cancellation: Python's {@code Task.cancel(msg)}.
	 *
	 * @param message the message of the {@link CancelledError}, or {@code null}
	 * @return {@code false} if the task is already done, else {@code true}
	 */
	@Override
	boolean cancel(@Nullable String message);
}
