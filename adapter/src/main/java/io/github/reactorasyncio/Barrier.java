package io.github.reactorasyncio;

import io.github.reactorasyncio.internal.LoopBinding;

/**
 * A meeting point for a fixed number of tasks of one loop: Python's {@code asyncio.Barrier} (3.11). Each
 * task calls {@link #await()}; all of them suspend until the last of the {@link #parties()} arrives, then
 * all go on, and the barrier can be used again.
 *
 * <p>Its {@link State} follows CPython's: {@code FILLING} while tasks arrive, {@code DRAINING} while the
 * released tasks leave (newcomers wait for the next round), {@code RESETTING} after {@link #reset()} until
 * the tasks inside have left, {@code BROKEN} after {@link #abort()}. A task cancelled while waiting just
 * leaves: it does not break the barrier for the others. Python's {@code wait()} is {@link #await()} here,
 * as in {@code java.util.concurrent.CyclicBarrier}. The barrier binds to the loop on which it is first
 * used.
 */
public final class Barrier {

	/** The phase of the barrier. */
	public enum State {
		/** Tasks are arriving; {@link #await()} suspends until the last one does. */
		FILLING,
		/** The last party arrived; the released tasks are leaving. */
		DRAINING,
		/** {@link #reset()} was called with tasks inside; they get {@link BrokenBarrierException}. */
		RESETTING,
		/** {@link #abort()} was called; every {@link #await()} throws until {@link #reset()}. */
		BROKEN
	}

	private final LoopBinding binding = new LoopBinding();
	private final Condition cond = Condition.create();
	private final int parties;
	private State state = State.FILLING;
	private int count;

	private Barrier(int parties) {
		this.parties = parties;
	}

	/**
	 * A barrier for the given number of tasks, bound to the loop on which it is first used.
	 *
	 * @param parties how many tasks must arrive to release them all, {@code >= 1}
	 * @return the barrier
	 * @throws IllegalArgumentException if {@code parties < 1}
	 */
	public static Barrier create(int parties) {
		if (parties < 1) {
			throw new IllegalArgumentException("A barrier needs at least 1 party, was " + parties + ".");
		}
		return new Barrier(parties);
	}

	/**
	 * Arrives at the barrier and suspends until all parties have arrived: Python's {@code Barrier.wait()}.
	 * If the barrier is draining or resetting, first waits for that to end.
	 *
	 * @return the arrival index, from 0 to {@code parties() - 1}, unique in each round
	 * @throws BrokenBarrierException if the barrier is or becomes broken or reset while waiting
	 * @throws CancelledError if the task is cancelled while waiting
	 * @throws IllegalStateException outside a coroutine of the barrier's loop
	 */
	public int await() {
		binding.require(this);
		cond.acquire();
		try {
			block();
			int index = count;
			count++;
			try {
				if (index + 1 == parties) {
					state = State.DRAINING;
					cond.signalAll();
				}
				else {
					cond.awaitFor(() -> state != State.FILLING);
					if (state == State.BROKEN || state == State.RESETTING) {
						throw new BrokenBarrierException("Barrier aborted or reset while waiting: " + this);
					}
				}
				return index;
			}
			finally {
				count--;
				exit();
			}
		}
		finally {
			cond.release();
		}
	}

	private void block() {
		cond.awaitFor(() -> state != State.DRAINING && state != State.RESETTING);
		if (state == State.BROKEN) {
			throw new BrokenBarrierException("Barrier aborted: " + this + ". Call reset() to use it again.");
		}
	}

	/** The last task out ends the draining or resetting phase. */
	private void exit() {
		if (count == 0) {
			if (state == State.RESETTING || state == State.DRAINING) {
				state = State.FILLING;
			}
			cond.signalAll();
		}
	}

	/**
	 * Returns the barrier to {@link State#FILLING}; tasks waiting in it get {@link BrokenBarrierException}.
	 * Suspends only to take the barrier's internal lock.
	 *
	 * @throws CancelledError if the task is cancelled while taking the lock
	 */
	public void reset() {
		binding.require(this);
		cond.acquire();
		try {
			if (count > 0) {
				if (state != State.RESETTING) {
					state = State.RESETTING;
				}
			}
			else {
				state = State.FILLING;
			}
			cond.signalAll();
		}
		finally {
			cond.release();
		}
	}

	/**
	 * Breaks the barrier: waiting and future {@link #await()}s throw {@link BrokenBarrierException} until
	 * {@link #reset()}. Suspends only to take the barrier's internal lock.
	 *
	 * @throws CancelledError if the task is cancelled while taking the lock
	 */
	public void abort() {
		binding.require(this);
		cond.acquire();
		try {
			state = State.BROKEN;
			cond.signalAll();
		}
		finally {
			cond.release();
		}
	}

	/** {@return how many tasks must arrive to release them} */
	public int parties() {
		return parties;
	}

	/** {@return how many tasks wait in the barrier while it is filling: Python's {@code n_waiting}} */
	public int nWaiting() {
		return state == State.FILLING ? count : 0;
	}

	/** {@return whether the barrier is {@link State#BROKEN}} */
	public boolean broken() {
		return state == State.BROKEN;
	}

	/** {@return the current state} */
	public State state() {
		return state;
	}

	@Override
	public String toString() {
		return "Barrier[" + state + ", waiters=" + nWaiting() + "/" + parties + "]";
	}
}
