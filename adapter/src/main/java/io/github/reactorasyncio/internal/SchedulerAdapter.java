package io.github.reactorasyncio.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * The loop seen as a Reactor {@link Scheduler}: {@link EventLoopApi}'s {@code Scheduler} methods delegate here.
 * Scheduled work runs on the loop as {@code callSoon}/{@code callLater} callbacks (so {@code publishOn(loop)}
 * and {@code subscribeOn(loop)} run on the loop, in order), periodic work as a {@link PeriodicTask}, and a
 * worker is a {@link LoopWorker}. Unlike the loop's own API, which throws {@code IllegalStateException} once
 * closed, these throw {@link RejectedExecutionException}, which Reactor operators expect from a disposed
 * scheduler.
 */
final class SchedulerAdapter {

	private SchedulerAdapter() {
	}

	static Disposable schedule(EventLoopImpl loop, Runnable task) {
		Objects.requireNonNull(task, "task");
		rejectIfClosed(loop);
		return loop.callSoon(task);
	}

	static Disposable schedule(EventLoopImpl loop, Runnable task, long delay, TimeUnit unit) {
		Objects.requireNonNull(task, "task");
		rejectIfClosed(loop);
		return loop.callLater(Duration.ofNanos(unit.toNanos(delay)), task);
	}

	static Disposable schedulePeriodically(EventLoopImpl loop, Runnable task, long initialDelay, long period,
			TimeUnit unit) {
		Objects.requireNonNull(task, "task");
		rejectIfClosed(loop);
		return new PeriodicTask(loop, task, unit.toNanos(initialDelay), unit.toNanos(period)).start();
	}

	static Scheduler.Worker createWorker(EventLoopImpl loop) {
		rejectIfClosed(loop);
		return new LoopWorker(loop);
	}

	private static void rejectIfClosed(EventLoopImpl loop) {
		if (loop.state != EventLoopImpl.OPEN) {
			throw new RejectedExecutionException("This event loop is closed and accepts no more work. Create a new "
					+ "one with EventLoop.create().");
		}
	}
}
