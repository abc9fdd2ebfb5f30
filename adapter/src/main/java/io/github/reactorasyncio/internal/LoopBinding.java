package io.github.reactorasyncio.internal;

import io.github.reactorasyncio.Future;
import org.jspecify.annotations.Nullable;

/**
 * Python's {@code mixins._LoopBoundMixin} for the synchronization primitives and queues: a primitive
 * belongs to the loop on which it is first used, and any use from another loop or thread is refused.
 *
 * <p>It binds at the first use of any operation on a loop, not only at the first blocking one as CPython
 * does, so that sharing a primitive between loops fails at once rather than on the first contended call.
 * Before it is bound, a primitive may be used from any single thread (for example filled before the loop
 * starts); the loop's own hand-off gives that code a happens-before edge with the loop.
 */
public final class LoopBinding {

	private volatile @Nullable EventLoopImpl loop;

	/**
	 * For an operation that may suspend: the running loop, binding the owner to it on first use.
	 *
	 * @param owner the primitive, for messages
	 * @return the loop the caller runs on
	 * @throws IllegalStateException outside a loop, or on another loop than the bound one
	 */
	public EventLoopImpl require(Object owner) {
		EventLoopImpl current = EventLoopImpl.current();
		if (current == null) {
			throw new IllegalStateException(owner + " was awaited outside a coroutine (in thread "
					+ Thread.currentThread().getName() + "). Its blocking operations suspend a coroutine: call them "
					+ "inside Async.run(...), EventLoop.run(...) or Async.mono(...).");
		}
		bind(owner, current);
		return current;
	}

	/**
	 * For a coroutine method ({@code acquire()}): as {@link #require}, and the caller must be a coroutine,
	 * even when the call would not suspend, so that whether it works does not depend on contention.
	 *
	 * @param owner the primitive, for messages
	 * @param what the method, for messages
	 * @throws IllegalStateException outside a coroutine, or on another loop than the bound one
	 */
	public void requireCoroutine(Object owner, String what) {
		EventLoopImpl current = require(owner);
		if (current.currentTask() == null) {
			throw new IllegalStateException(what + " of " + owner + " was called from a callback of " + current
					+ ", not from a coroutine. It may suspend: call it inside a coroutine (Async.createTask(...)).");
		}
	}

	/**
	 * For an operation that never suspends: binds the owner if the caller runs on a loop; off a loop,
	 * allowed only while the owner is not bound yet.
	 *
	 * @param owner the primitive, for messages
	 */
	public void check(Object owner) {
		EventLoopImpl current = EventLoopImpl.current();
		if (current != null) {
			bind(owner, current);
			return;
		}
		EventLoopImpl bound = loop;
		if (bound != null) {
			throw new IllegalStateException(owner + " is bound to " + bound + " but was used from thread "
					+ Thread.currentThread().getName() + ", outside that loop. Primitives are not thread-safe: "
					+ "use them from coroutines or callbacks of their loop; from another thread, go through "
					+ "loop.callSoon(...).");
		}
	}

	private void bind(Object owner, EventLoopImpl current) {
		EventLoopImpl bound = loop;
		if (bound == null) {
			synchronized (this) {
				bound = loop;
				if (bound == null) {
					loop = bound = current;
				}
			}
		}
		if (bound != current) {
			throw new IllegalStateException(owner + " is bound to a different event loop: it was first used on "
					+ bound + " and now on " + current + ". A primitive belongs to the loop where it is first used; "
					+ "create one per loop.");
		}
	}

	/**
	 * Awaits a loop future that is only ever given a result or cancelled, so the only exception is a
	 * {@link io.github.reactorasyncio.CancelledError} (unchecked), re-thrown as the same instance.
	 *
	 * @param future the waiter's future
	 */
	public static void await(Future<?> future) {
		try {
			Bridge.await(future);
		}
		catch (Exception e) {
			throw Sneaky.rethrow(e);
		}
	}

	/**
	 * Gives a waiter's future its result unless it is done already (cancelled by its task meanwhile).
	 *
	 * @param future the waiter's future
	 * @param value the result
	 * @param <T> the result type
	 * @return whether this call completed it
	 */
	public static <T extends @Nullable Object> boolean wake(Future<T> future, T value) {
		if (future.isDone()) {
			return false;
		}
		future.setResult(value);
		return true;
	}
}
