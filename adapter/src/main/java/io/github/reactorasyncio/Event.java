package io.github.reactorasyncio;

import java.util.ArrayDeque;

import io.github.reactorasyncio.internal.LoopBinding;

/**
 * A flag that tasks of one loop can wait for: Python's {@code asyncio.Event}. {@link #set()} wakes every
 * waiter, in the order they started waiting; {@link #clear()} makes later {@link #await()}s wait again.
 *
 * <p>Python's {@code wait()} is {@link #await()} here, because {@code Object.wait()} is final in Java and
 * {@code await} is what {@code java.util.concurrent} calls it. The event binds to the loop on which it is
 * first used; use from another loop or thread throws {@link IllegalStateException} (from another thread,
 * call {@code loop.callSoon(event::set)}).
 */
public final class Event {

	/** The flag. */
	public enum State {
		/** {@link #await()} suspends. */
		CLEAR,
		/** {@link #await()} returns at once. */
		SET
	}

	private final LoopBinding binding = new LoopBinding();
	private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
	private boolean value;

	private Event() {
	}

	/**
	 * A new event in state {@link State#CLEAR}, bound to the loop on which it is first used.
	 *
	 * @return the event
	 */
	public static Event create() {
		return new Event();
	}

	/**
	 * Suspends the coroutine until the event is set; returns at once, without suspending, if it is set
	 * already. Python's {@code Event.wait()}.
	 *
	 * @throws CancelledError if the task is cancelled while waiting; other waiters are not affected
	 * @throws IllegalStateException outside a coroutine of the event's loop
	 */
	public void await() {
		binding.check(this);
		if (value) {
			return;
		}
		Future<Boolean> fut = binding.require(this).createFuture();
		waiters.addLast(fut);
		try {
			LoopBinding.await(fut);
		}
		finally {
			waiters.remove(fut);
		}
	}

	/** Sets the flag and wakes every waiter, FIFO. Never suspends; setting a set event does nothing. */
	public void set() {
		binding.check(this);
		if (!value) {
			value = true;
			for (Future<Boolean> w : waiters) {
				LoopBinding.wake(w, Boolean.TRUE);
			}
		}
	}

	/** Resets the flag, so that later {@link #await()}s suspend until the next {@link #set()}. */
	public void clear() {
		binding.check(this);
		value = false;
	}

	/** {@return whether the event is set: Python's {@code is_set()}} */
	public boolean isSet() {
		return value;
	}

	/** {@return the current state} */
	public State state() {
		return value ? State.SET : State.CLEAR;
	}

	@Override
	public String toString() {
		return "Event[" + state() + ", waiters=" + waiters.size() + "]";
	}
}
