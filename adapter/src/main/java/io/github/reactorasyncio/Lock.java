package io.github.reactorasyncio;

import java.util.ArrayDeque;

import io.github.reactorasyncio.internal.LoopBinding;

/**
 * A mutual-exclusion lock for tasks of one loop: Python's {@code asyncio.Lock}. It is not thread-safe and
 * not reentrant; it only keeps coroutines of its loop from interleaving across their awaits.
 *
 * {@snippet file="JavadocSnippets.java" region="Lock"}
 *
 * <p>Waiters acquire it in FIFO order. A waiter that is cancelled after {@link #release()} chose it
 * passes the lock to the next waiter, so a cancellation never leaves the lock unowned with tasks waiting.
 * The lock binds to the loop on which it is first used; using it from another loop or thread throws
 * {@link IllegalStateException}.
 */
public final class Lock {

	/** Whether the lock is held. */
	public enum State {
		/** Free: {@link #acquire()} returns at once unless earlier waiters are queued. */
		UNLOCKED,
		/** Held by a task. */
		LOCKED
	}

	private final LoopBinding binding = new LoopBinding();
	private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
	private boolean locked;

	private Lock() {
	}

	/**
	 * A new, unlocked lock, bound to the loop on which it is first used.
	 *
	 * @return the lock
	 */
	public static Lock create() {
		return new Lock();
	}

	/**
	 * Acquires the lock, suspending the coroutine until it is free and every earlier waiter had its turn.
	 * An uncontended acquire returns at once without suspending.
	 *
	 * @return a handle whose {@code close()} releases the lock, for try-with-resources
	 * @throws CancelledError if the task is cancelled while waiting; the lock is then not held, and
	 *         is passed on if it had been granted to this task
	 * @throws IllegalStateException outside a coroutine of the lock's loop
	 */
	public Held acquire() {
		binding.requireCoroutine(this, "Lock.acquire()");
		if (!locked && allCancelled()) {
			locked = true;
			return new Release();
		}
		Future<Boolean> fut = binding.require(this).createFuture();
		waiters.addLast(fut);
		try {
			try {
				LoopBinding.await(fut);
			}
			finally {
				waiters.remove(fut);
			}
		}
		catch (CancelledError e) {
			// the lock may have been granted to us just before the cancel: hand it on, or it is lost
			if (!locked) {
				wakeUpFirst();
			}
			throw e;
		}
		locked = true;
		return new Release();
	}

	/**
	 * Releases the lock and lets the first waiter acquire it. Never suspends.
	 *
	 * @throws InvalidStateException if the lock is {@link State#UNLOCKED}
	 */
	public void release() {
		binding.check(this);
		if (!locked) {
			throw new InvalidStateException("release() of " + this + ": it is " + State.UNLOCKED
					+ ". Release a lock once per acquire(); try-with-resources on acquire() does that.");
		}
		locked = false;
		wakeUpFirst();
	}

	/** {@return whether the lock is held} */
	public boolean locked() {
		return locked;
	}

	/** {@return the current state} */
	public State state() {
		return locked ? State.LOCKED : State.UNLOCKED;
	}

	private boolean allCancelled() {
		for (Future<Boolean> w : waiters) {
			if (!w.isCancelled()) {
				return false;
			}
		}
		return true;
	}

	private void wakeUpFirst() {
		Future<Boolean> first = waiters.peekFirst();
		if (first != null) {
			LoopBinding.wake(first, Boolean.TRUE);
		}
	}

	@Override
	public String toString() {
		return "Lock[" + state() + ", waiters=" + waiters.size() + "]";
	}

	private final class Release implements Held {
		private boolean released;

		@Override
		public void close() {
			if (!released) {
				released = true;
				release();
			}
		}
	}
}
