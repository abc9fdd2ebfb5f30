package io.github.reactorasyncio.internal;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;

/**
 * How a loop closes: {@code close()} marks it CLOSING and, on the loop, cancels every live task; the loop runs on
 * while the tasks clean up (they may still await, sleep and create tasks), and when the last one is done it
 * becomes CLOSED, dismisses its idle workers, runs what was posted before it closed, and fails the tasks of other
 * loops and the views still awaiting its futures. {@code close()} returns once every thread of the loop has ended.
 *
 * <p>{@link EventLoopImpl} owns one: it calls {@link #close} from {@code close()} and {@link #maybeFinish} each
 * time the ready queue runs out of work while not OPEN ({@link ReadyQueue#finishClosing}). The loop's state,
 * monitor, inbox and workers stay in the loop, where the hot paths read them.
 */
final class LoopClosing {

	private final EventLoopImpl loop;
	// tasks of other loops, toMono() subscribers and toCompletableFuture() views awaiting futures of this one: failed when this loop closes,
	// instead of stranded
	private final Set<LoopClosedListener> foreignAwaiters = ConcurrentHashMap.newKeySet();
	// loop-confined
	private boolean shutdownStarted;
	// guarded by the loop's monitor
	private @Nullable CountDownLatch closed;

	LoopClosing(EventLoopImpl loop) {
		this.loop = loop;
	}

	/** Closes the loop from a thread outside it, and waits until all its threads have ended. */
	void close() {
		if (loop.inLoopThread()) {
			throw new IllegalStateException("close() was called from a coroutine or callback of the loop being "
					+ "closed, which cannot wait for itself. Close the loop from outside it, e.g. after run() "
					+ "returns, or call stop().");
		}
		CountDownLatch latch;
		synchronized (loop.monitor) {
			if (closed == null) {
				closed = new CountDownLatch(1);
				loop.state = EventLoopImpl.CLOSING;
				loop.monitor.notifyAll();
				loop.inbox.offer(this::beginShutdown);
				loop.wake();
			}
			latch = closed;
		}
		boolean interrupted = false;
		for (;;) {
			try {
				latch.await();
				synchronized (loop.monitor) {
					while (loop.liveThreads() > 0) {
						loop.monitor.wait();
					}
				}
				loop.shutdownCarrier();
				break;
			}
			catch (InterruptedException e) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private void beginShutdown() {
		shutdownStarted = true;
		for (TaskImpl<?> t : loop.tasks.snapshot()) {
			t.cancel();
		}
	}

	/**
	 * Called on the loop when it has no ready work and is not OPEN. Returns true once the loop is CLOSED: the
	 * calling worker then ends.
	 */
	boolean maybeFinish() {
		if (!shutdownStarted || loop.tasks.size() > 0) {
			return false;
		}
		loop.timers.clear();
		loop.state = EventLoopImpl.CLOSED;
		LoopRegistry.remove(loop);
		loop.dismissIdleWorkers();
		synchronized (loop.monitor) {
			loop.monitor.notifyAll();
		}
		// what was posted before CLOSED was visible still runs (see postIfOpen): a task's resume can be left
		// over only for a task that is done, so only callbacks are run
		for (Runnable r; (r = loop.inbox.poll()) != null; ) {
			if (!(r instanceof TaskImpl<?>)) {
				loop.runCallback(r);
			}
		}
		for (LoopClosedListener w : foreignAwaiters) {
			if (foreignAwaiters.remove(w)) {
				w.loopClosed(loop);
			}
		}
		Objects.requireNonNull(closed).countDown();
		return true;
	}

	/** @return false if the loop is closed, and will not fail the awaiter when it closes */
	boolean addForeignAwaiter(LoopClosedListener w) {
		foreignAwaiters.add(w);
		return !(loop.state == EventLoopImpl.CLOSED && foreignAwaiters.remove(w));
	}

	void removeForeignAwaiter(LoopClosedListener w) {
		foreignAwaiters.remove(w);
	}
}
