package io.github.reactorasyncio;

import java.util.ArrayDeque;

import io.github.reactorasyncio.internal.LoopBinding;

/**
 * A counter of permits for tasks of one loop: Python's {@code asyncio.Semaphore}. {@link #acquire()}
 * takes a permit, suspending while there is none; {@link #release()} gives one back. It is not
 * thread-safe; it limits how many coroutines of its loop are inside a section at once.
 *
 * {@snippet file="JavadocSnippets.java" region="Semaphore"}
 *
 * <p>Waiters get permits in FIFO order, and a new caller waits behind them even if a permit is free. A
 * waiter cancelled after it was granted a permit gives it back and wakes the next waiter. The semaphore
 * binds to the loop on which it is first used; use from another loop or thread throws
 * {@link IllegalStateException}. {@link BoundedSemaphore} also refuses to release more than it started
 * with.
 */
public sealed class Semaphore permits BoundedSemaphore {

	/** Whether {@link #acquire()} would return at once. */
	public enum State {
		/** A permit is free and nobody waits for one. */
		AVAILABLE,
		/** No permit is free, or earlier waiters must go first: Python's {@code locked()}. */
		LOCKED
	}

	private final LoopBinding binding = new LoopBinding();
	private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
	private int value;

	Semaphore(int value) {
		if (value < 0) {
			throw new IllegalArgumentException("A semaphore's initial value must be >= 0, was " + value + ".");
		}
		this.value = value;
	}

	/**
	 * A semaphore with the given number of permits, bound to the loop on which it is first used.
	 *
	 * @param value the initial number of permits, {@code >= 0}
	 * @return the semaphore
	 * @throws IllegalArgumentException if {@code value < 0}
	 */
	public static Semaphore create(int value) {
		return new Semaphore(value);
	}

	/**
	 * As {@link #create(int)} with one permit.
	 *
	 * @return the semaphore
	 */
	public static Semaphore create() {
		return new Semaphore(1);
	}

	/**
	 * Takes a permit, suspending the coroutine until one is free and every earlier waiter had its turn.
	 *
	 * @return a handle whose {@code close()} releases the permit, for try-with-resources
	 * @throws CancelledError if the task is cancelled while waiting; a permit granted meanwhile is
	 *         given back to the next waiter
	 * @throws IllegalStateException outside a coroutine of the semaphore's loop
	 */
	public Held acquire() {
		binding.requireCoroutine(this, "Semaphore.acquire()");
		if (!locked()) {
			value--;
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
			// granted just before the cancel: the permit was counted for us, so give it back
			if (fut.isDone() && !fut.isCancelled()) {
				value++;
			}
			throw e;
		}
		finally {
			// waiters that arrived while permits were in flight to us may now be due
			while (value > 0) {
				if (!wakeUpNext()) {
					break;
				}
			}
		}
		return new Release();
	}

	/**
	 * Gives a permit back and wakes the first waiter. Never suspends.
	 *
	 * @throws InvalidStateException for a {@link BoundedSemaphore} released more often than acquired
	 */
	public void release() {
		binding.check(this);
		value++;
		wakeUpNext();
	}

	/** {@return whether {@link #acquire()} would suspend: Python's {@code locked()}} */
	public boolean locked() {
		if (value == 0) {
			return true;
		}
		for (Future<Boolean> w : waiters) {
			if (!w.isCancelled()) {
				return true;
			}
		}
		return false;
	}

	/** {@return the current state} */
	public State state() {
		return locked() ? State.LOCKED : State.AVAILABLE;
	}

	/** {@return the number of free permits (some may already be promised to waiters about to resume)} */
	public int value() {
		return value;
	}

	final void checkBinding() {
		binding.check(this);
	}

	private boolean wakeUpNext() {
		for (Future<Boolean> w : waiters) {
			if (!w.isDone()) {
				value--;
				w.setResult(Boolean.TRUE);
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + state() + ", value=" + value + ", waiters=" + waiters.size() + "]";
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
