package io.github.reactorasyncio.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import io.github.reactorasyncio.CancelledError;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Operators;

/**
 * One await of a task: the meeting point of the awaited source, which may signal on any thread, and the
 * task, which suspends on the loop. A small state machine decides who wins:
 * <pre>
 *   PENDING --source signals--> DONE        (before the task suspended: no switch at all)
 *   PENDING --task suspends---> SUSPENDED --source signals--> DONE       (resume the task)
 *                                         --task cancelled--> CANCELLED  (resume with CancelledError;
 *                                                                        a late signal is discarded)
 * </pre>
 * The state is the low two bits of {@code state}; the bits above are a number the subclass keeps there, fixed for
 * the awaiter's life (a sleep's timer sequence number): a field less in the object every suspended task keeps.
 */
abstract class Awaiter<T extends @Nullable Object> {

	private static final int PENDING = 0, SUSPENDED = 1, DONE = 2, CANCELLED = 3, STATE_BITS = 3;
	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(Awaiter.class, "state", int.class);
		}
		catch (ReflectiveOperationException e) {
			throw new ExceptionInInitializerError(e);
		}
	}

	final TaskImpl<?> task;
	// the state in the low bits, the subclass's number above them (see the class comment)
	private volatile int state;
	// the value, or the source's exception wrapped in a Failure: one field rather than two, as every suspended
	// task keeps its awaiter (issue 14: bytes per suspended task); a cancel's message is the task's
	private @Nullable Object outcome;

	Awaiter(TaskImpl<?> task) {
		this.task = task;
	}

	/**
	 * @param number what {@link #number()} returns; its low two bits must be zero
	 */
	Awaiter(TaskImpl<?> task, int number) {
		this.task = task;
		this.state = number;
	}

	/** @return the number given to the constructor */
	final int number() {
		return state & ~STATE_BITS;
	}

	private boolean advance(int from, int to) {
		int n = number();
		return STATE.compareAndSet(this, n | from, n | to);
	}

	private int state() {
		return state & STATE_BITS;
	}

	/** Delivers the source's outcome; any thread, at most once. */
	final void complete(@Nullable T v, @Nullable Throwable e) {
		outcome = e != null ? new Failure(e) : v;
		for (;;) {
			int s = state();
			if (s == PENDING) {
				if (advance(PENDING, DONE)) {
					return;
				}
			}
			else if (s == SUSPENDED) {
				if (advance(SUSPENDED, DONE)) {
					task.loop.resume(task);
					return;
				}
			}
			else {
				discard(v);
				return;
			}
		}
	}

	/** @return whether the source has not signalled yet and the task is suspended on it */
	final boolean isSuspended() {
		return state() == SUSPENDED;
	}

	/** @return true if the task must suspend, false if the outcome is already here */
	final boolean suspend() {
		return advance(PENDING, SUSPENDED);
	}

	/**
	 * On the loop: cancels the wait if the source has not signalled yet, and resumes the task with
	 * {@link CancelledError}, whose message is the one the task recorded for this cancel.
	 *
	 * @return whether the task will be resumed because of this cancel; false if the outcome is here already
	 */
	boolean cancel(@Nullable String message) {
		if (advance(SUSPENDED, CANCELLED)) {
			outcome = null;
			cancelSource(message);
			task.loop.resume(task);
			return true;
		}
		return false;
	}

	/**
	 * On the loop: resumes the suspended task with {@link CancelledError} without stopping the source.
	 * Breaks a cycle of tasks awaiting each other, where stopping the source would lead back here.
	 *
	 * @return whether the task will be resumed because of this call
	 */
	final boolean wakeCancelled() {
		if (advance(SUSPENDED, CANCELLED)) {
			outcome = null;
			task.loop.resume(task);
			return true;
		}
		return false;
	}

	/**
	 * On the loop: wakes the suspended task with {@code e} as the outcome, and stops the source, if the source has
	 * not signalled yet. For a task whose stack could not wait (see {@code EventLoopImpl.lostBaton}).
	 */
	final void fail(Throwable e) {
		if (advance(SUSPENDED, DONE)) {
			outcome = new Failure(e);
			abandonSource();
			task.loop.resume(task);
		}
	}

	/** Stops the source of a wait that failed on the task's side; by default as a cancel does. */
	void abandonSource() {
		cancelSource(null);
	}

	/** @return whether the wait is over (the outcome is here, or the task was woken cancelled or failed) */
	final boolean isOver() {
		return state() >= DONE;
	}

	/** The outcome, as the same value or exception instance. */
	@SuppressWarnings("unchecked")
	final T take() throws Exception {
		if (state() == CANCELLED) {
			// the task's message: every cancel of a wait (TaskImpl's cancel, the cycle it breaks, an await that finds
			// a cancel pending) is sent with the message it has just recorded, and a later cancel is thrown from
			// mustCancel, not from here
			throw new CancelledError(task.cancelMessage);
		}
		Object o = outcome;
		if (o instanceof Failure f) {
			throw Sneaky.rethrow(f.error);
		}
		return (T) o;
	}

	/** The task was cancelled after the value arrived: drop it. */
	final void discardLate() {
		if (state() == DONE) {
			Object o = outcome;
			outcome = null;
			if (!(o instanceof Failure)) {
				discard(o);
			}
		}
	}

	private void discard(@Nullable Object v) {
		if (v == null) {
			return;
		}
		Operators.onDiscard(v, task.context instanceof reactor.util.context.Context c ? c
				: reactor.util.context.Context.of(task.context));
		if (v instanceof AutoCloseable resource) {
			try {
				resource.close();
			}
			catch (Throwable ignored) {
				// a dropped resource failing to close has no one left to tell
			}
		}
	}

	/** Stops the awaited source: cancels a subscription, a future. */
	abstract void cancelSource(@Nullable String message);

	/** The source's exception, as the outcome; made only when a source fails. */
	private record Failure(Throwable error) {
	}
}
