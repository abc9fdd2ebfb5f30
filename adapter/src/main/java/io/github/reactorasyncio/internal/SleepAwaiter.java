package io.github.reactorasyncio.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Awaits a loop timer; cancelling the sleeping task cancels the timer. The awaiter is its own entry in the loop's
 * {@link TimerQueue} rather than the callback of a {@link Handle}: one object less per sleeping task. Its timer's
 * sequence number is the {@linkplain Awaiter#number() number} its state word carries, so the whole awaiter is
 * 32 bytes (header, task, state, outcome, deadline) with compressed pointers, where a field of its own made it 40.
 */
final class SleepAwaiter extends Awaiter<@Nullable Void> implements TimerQueue.Timed, BoundedCallback {

	private final long deadline;

	/** Called by the running task, on the loop: the timer is added at once. */
	SleepAwaiter(TaskImpl<?> task, Duration delay) {
		super(task, task.loop.timers.nextSeq());
		EventLoopImpl loop = task.loop;
		loop.checkOpen();
		this.deadline = loop.time() + TimerQueue.delayNanos(delay);
		loop.timers.add(this);
	}

	@Override
	public long deadline() {
		return deadline;
	}

	@Override
	public int seq() {
		return number();
	}

	/**
	 * A sleep's wait can only be over before its timer fires if it was cancelled or failed: the timer is then
	 * dropped. Read from the awaiter's state rather than a flag of its own: a field less per sleeping task.
	 */
	@Override
	public boolean isDisposed() {
		return isOver();
	}

	@Override
	public void run() {
		if (!isOver()) {
			complete(null, null);
		}
	}

	@Override
	void cancelSource(@Nullable String message) {
		// isDisposed() now says so: the timer is dropped when it reaches the top of the heap
	}

	@Override
	public String toString() {
		return "Sleep[" + task.name() + (isOver() ? ", over]" : "]");
	}
}
