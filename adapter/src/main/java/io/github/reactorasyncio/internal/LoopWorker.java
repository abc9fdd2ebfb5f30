package io.github.reactorasyncio.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * The loop seen as a Reactor {@code Scheduler.Worker}: work runs on the loop in order, and disposing the
 * worker cancels everything it scheduled that has not run.
 */
final class LoopWorker implements Scheduler.Worker {

	private final EventLoopImpl loop;
	private final Set<Disposable> pending = ConcurrentHashMap.newKeySet();
	private volatile boolean disposed;

	LoopWorker(EventLoopImpl loop) {
		this.loop = loop;
	}

	@Override
	public Disposable schedule(Runnable task) {
		return track(task, false, loop::schedule);
	}

	@Override
	public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
		return track(task, false, r -> loop.schedule(r, delay, unit));
	}

	@Override
	public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
		return track(task, true, r -> loop.schedulePeriodically(r, initialDelay, period, unit));
	}

	private Disposable track(Runnable task, boolean periodic, Function<Runnable, Disposable> how) {
		if (disposed) {
			throw new RejectedExecutionException("This Scheduler.Worker of " + loop + " is disposed.");
		}
		Tracked t = new Tracked(task, periodic);
		t.inner = how.apply(t);
		pending.add(t);
		if (disposed) {
			t.dispose();
		}
		return t;
	}

	@Override
	public void dispose() {
		disposed = true;
		for (Disposable d : pending) {
			d.dispose();
		}
	}

	@Override
	public boolean isDisposed() {
		return disposed;
	}

	private final class Tracked implements Runnable, Disposable {
		private final Runnable task;
		private final boolean periodic;
		volatile Disposable inner = reactor.core.Disposables.disposed();
		private volatile boolean cancelled;

		Tracked(Runnable task, boolean periodic) {
			this.task = task;
			this.periodic = periodic;
		}

		@Override
		public void run() {
			if (cancelled || disposed) {
				return;
			}
			try {
				task.run();
			}
			finally {
				if (!periodic) {
					pending.remove(this);
				}
			}
		}

		@Override
		public void dispose() {
			cancelled = true;
			inner.dispose();
			pending.remove(this);
		}

		@Override
		public boolean isDisposed() {
			return cancelled;
		}
	}
}
