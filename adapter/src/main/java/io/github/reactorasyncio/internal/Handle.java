package io.github.reactorasyncio.internal;

import reactor.core.Disposable;

/**
 * A callback scheduled on the loop, soon or at a deadline: Python's {@code Handle} and
 * {@code TimerHandle}. Disposing it before it runs cancels it; its {@code seq} breaks deadline ties FIFO.
 */
final class Handle implements Runnable, Disposable, Comparable<Handle> {

	final Runnable callback;
	final long deadline;
	final long seq;
	private volatile boolean cancelled;

	Handle(Runnable callback, long deadline, long seq) {
		this.callback = callback;
		this.deadline = deadline;
		this.seq = seq;
	}

	@Override
	public void run() {
		if (!cancelled) {
			callback.run();
		}
	}

	@Override
	public void dispose() {
		cancelled = true;
	}

	@Override
	public boolean isDisposed() {
		return cancelled;
	}

	@Override
	public int compareTo(Handle o) {
		int c = Long.compare(deadline, o.deadline);
		return c != 0 ? c : Long.compare(seq, o.seq);
	}

	@Override
	public String toString() {
		return "Handle[" + callback + (cancelled ? ", cancelled]" : "]");
	}
}
