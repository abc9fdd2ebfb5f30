package io.github.reactorasyncio.internal;

import java.util.ArrayDeque;
import java.util.PriorityQueue;

import org.jspecify.annotations.Nullable;

/**
 * A loop's timers ({@code callLater}, {@code callAt}, and through them sleeps and timeouts), in deadline order,
 * ties FIFO (CPython's {@code _scheduled} heap).
 *
 * <p>The loop adds to it on the loop ({@link EventLoopApi#callAt}), moves the timers that are due to its ready
 * queue once per batch ({@link #moveDue}, from {@link ReadyQueue#next}), and reads the earliest deadline to
 * know how long it may sleep. The sequence number that breaks ties is taken here, on the loop, so ties run in
 * the order the loop saw them. A disposed timer stays in the heap until it reaches the top. Loop-confined.
 */
final class TimerQueue {

	private final PriorityQueue<Handle> heap = new PriorityQueue<>();
	private long seq;

	/** @return the handle of a new timer that runs {@code callback} at {@code deadline} */
	Handle add(Runnable callback, long deadline) {
		Handle h = new Handle(callback, deadline, ++seq);
		heap.add(h);
		return h;
	}

	boolean isEmpty() {
		return heap.isEmpty();
	}

	/** @return the timer with the earliest deadline (disposed or not), or null */
	@Nullable Handle peek() {
		return heap.peek();
	}

	/** Moves the timers due at {@code now} to {@code ready}, in deadline order, and drops disposed ones on top. */
	void moveDue(long now, ArrayDeque<Runnable> ready) {
		for (Handle h; (h = heap.peek()) != null; ) {
			if (h.isDisposed()) {
				heap.poll();
			}
			else if (h.deadline <= now) {
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
