package io.github.reactorasyncio;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A coroutine's view of a {@code Publisher} as a Java {@link Iterator} whose {@link #hasNext()} suspends:
 * Python's {@code async for}. Get one from {@link Async#iterate(org.reactivestreams.Publisher)} and close
 * it with try-with-resources, which cancels the subscription if the loop stops early.
 *
 * {@snippet file="JavadocSnippets.java" region="AsyncIterator"}
 *
 * <p>It requests elements in batches (32 at first, then 24 more each time 24 were taken, as Reactor's
 * {@code publishOn} prefetch does), so a fast publisher is never asked for more than 32 unread elements.
 * Use it from coroutines of the loop where it was created, one at a time; it is not thread-safe.
 *
 * @param <T> the element type
 */
public interface AsyncIterator<T> extends Iterator<T>, AutoCloseable {

	/** Where the iteration stands. */
	enum State {
		/** Subscribed; elements may still come. */
		ACTIVE,
		/** The publisher completed or failed and {@link #hasNext()} has reported it: nothing more comes. */
		EXHAUSTED,
		/** Closed (or its task cancelled while waiting) before the end; the subscription was cancelled. */
		CLOSED
	}

	/** {@return the current state; read it on the iterator's loop} */
	State state();

	/**
	 * Whether there is another element, suspending the coroutine until one arrives or the publisher
	 * completes. Returns without suspending when an element is buffered already.
	 *
	 * @return {@code true} if {@link #next()} has an element; {@code false} after completion or close
	 * @throws CancelledError if the task is cancelled while waiting; the subscription is then cancelled
	 *         too
	 * @throws IllegalStateException outside a coroutine of the iterator's loop
	 * @throws RuntimeException (or any checked exception, undeclared) the publisher's error, as the same
	 *         instance, once the elements before it were taken
	 */
	@Override
	boolean hasNext();

	/**
	 * The next element, suspending as {@link #hasNext()} does if none is buffered.
	 *
	 * @return the element
	 * @throws NoSuchElementException after completion or close
	 */
	@Override
	T next();

	/**
	 * Cancels the subscription if it is still active and drops buffered elements; later {@link #hasNext()}
	 * returns {@code false}. Never suspends; idempotent.
	 */
	@Override
	void close();
}
