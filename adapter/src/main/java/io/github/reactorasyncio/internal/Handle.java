package io.github.reactorasyncio.internal;

import reactor.core.Disposable;

/**
 * A callback scheduled on the loop, soon or at a deadline: Python's {@code Handle} and
 * {@code TimerHandle}. Disposing it before it runs cancels it; its {@code seq} breaks deadline ties FIFO.
 */
final class Handle implements Disposable, TimerQueue.Timed {

	final Runnable callback;
	final long deadline;
	final int seq;
	private volatile boolean cancelled;

	Handle(Runnable callback, long deadline, int seq) {
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
	public long deadline() {
		return deadline;
	}

	@Override
	public int seq() {
		return seq;
	}

	@Override
	public String toString() {
		return "Handle[" + callback + (cancelled ? ", cancelled]" : "]");
	}
}
