package io.github.reactorasyncio.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A loop's timers ({@code callLater}, {@code callAt}, and through them timeouts; sleeps add themselves), in
 * deadline order, ties FIFO (CPython's {@code _scheduled} heap).
 *
 * <p>The loop adds to it on the loop ({@link EventLoopApi#callAt}), moves the timers that are due to its ready
 * queue once per batch ({@link #moveDue}, from {@link ReadyQueue#next}), and reads the earliest deadline to
 * know how long it may sleep. The sequence number that breaks ties is taken here, on the loop, so ties run in
 * the order the loop saw them. A disposed timer stays in the heap until it reaches the top. Loop-confined.
 */
final class TimerQueue {

	/**
	 * What the heap holds: a {@link Handle}, or a timer that is its own entry ({@link SleepAwaiter}), so that a
	 * sleeping task costs no separate handle.
	 */
	interface Timed extends Runnable {
		/** @return when it is due, on the loop's clock */
		long deadline();

		/** @return the tie-breaking number {@link #nextSeq()} gave it */
		int seq();

		/** @return whether it was cancelled; it is then dropped instead of run */
		boolean isDisposed();
	}

	// sequence numbers are compared by their difference, so they may wrap: only timers in the heap at once are
	// ever compared, and there are never 2^29 of those
	private final PriorityQueue<Timed> heap = new PriorityQueue<>((a, b) -> {
		int c = Long.compare(a.deadline(), b.deadline());
		return c != 0 ? c : Integer.compare(a.seq() - b.seq(), 0);
	});
	private int seq;

	/** @return the handle of a new timer that runs {@code callback} at {@code deadline} */
	Handle add(Runnable callback, long deadline) {
		Handle h = new Handle(callback, deadline, nextSeq());
		heap.add(h);
		return h;
	}

	/** Adds a timer that took its sequence number from {@link #nextSeq()} when it was made. */
	void add(Timed timer) {
		heap.add(timer);
	}

	/**
	 * @return the sequence number of the next timer: ties run in the order these were taken. A multiple of four, so
	 *         that a {@link SleepAwaiter} keeps it in its state word beside the two bits of its state; it wraps as
	 *         before, every 2^30 timers, and only timers in the heap at once are compared.
	 */
	int nextSeq() {
		return seq += 4;
	}

	/** @return {@code delay} in nanoseconds, at least 0 and at most a hundred years (as {@code callLater}) */
	static long delayNanos(Duration delay) {
		return delay.compareTo(Duration.ofDays(365L * 100)) > 0 ? TimeUnit.DAYS.toNanos(365L * 100)
				: Math.max(0, delay.toNanos());
	}

	boolean isEmpty() {
		return heap.isEmpty();
	}

	/** @return the timer with the earliest deadline (disposed or not), or null */
	@Nullable Timed peek() {
		return heap.peek();
	}

	/** Moves the timers due at {@code now} to {@code ready}, in deadline order, and drops disposed ones on top. */
	void moveDue(long now, ArrayDeque<Runnable> ready) {
		for (Timed h; (h = heap.peek()) != null; ) {
			if (h.isDisposed()) {
				heap.poll();
			}
			else if (h.deadline() <= now) {
				ready.add(heap.poll());
			}
			else {
				break;
			}
		}
	}

	void clear() {
		heap.clear();
	}
}
