package io.github.reactorasyncio.internal;

import java.time.Duration;

import reactor.core.Disposable;

/**
 * Reactor's {@code schedulePeriodically} on the loop: each run re-arms a timer at the next multiple of the
 * period from the first deadline, so that a slow run does not shift the schedule. A period of zero runs
 * it again as soon as the loop gets to it.
 */
final class PeriodicTask implements Runnable, Disposable {

	private final EventLoopImpl loop;
	private final Runnable task;
	private final long period;
	private long deadline;
	private volatile Disposable timer = reactor.core.Disposables.disposed();
	private volatile boolean cancelled;

	PeriodicTask(EventLoopImpl loop, Runnable task, long initialDelay, long period) {
		this.loop = loop;
		this.task = task;
		this.period = period;
		this.deadline = loop.time() + Math.max(0, initialDelay);
	}

	Disposable start() {
		timer = loop.callAt(deadline, this);
		return this;
	}

	@Override
	public void run() {
		if (cancelled) {
			return;
		}
		task.run();
		if (!cancelled && !loop.isClosed()) {
			deadline = period > 0 ? Math.max(deadline + period, loop.time()) : loop.time();
			timer = period > 0 ? loop.callAt(deadline, this) : loop.callLater(Duration.ZERO, this);
		}
	}

	@Override
	public void dispose() {
		cancelled = true;
		timer.dispose();
	}

	@Override
	public boolean isDisposed() {
		return cancelled;
	}
}
