package io.github.reactorasyncio.internal;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;

import io.github.reactorasyncio.Coroutine;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * A loop's blocking entry points, for a thread outside every loop: {@code run(coro)} (CPython's
 * {@code run_until_complete}) and {@code runForever()}/{@code stop()}.
 *
 * <p>The loop runs on its own virtual threads whether or not anyone blocks in these; they only wait for it. So
 * {@code run} creates a task and waits for it to be done, and {@code runForever} waits until {@code stop()} or
 * {@code close()}; a {@code stop()} while nobody waits in {@code runForever} makes the next one return once the
 * work ready then has run, as asyncio's next {@code run_forever()} runs one iteration. {@link EventLoopApi} owns
 * one and delegates; the waiting uses the loop's monitor, which closing notifies.
 */
final class BlockingRun {

	private final EventLoopApi loop;
	// guarded by loop.monitor
	private long stopGeneration;
	// guarded by loop.monitor: threads waiting in runForever(), and a stop() that came while none did
	private int running;
	private boolean stopPending;

	BlockingRun(EventLoopApi loop) {
		this.loop = loop;
	}

	<T extends @Nullable Object> T run(Coroutine<T> coroutine) throws Exception {
		Objects.requireNonNull(coroutine, "coroutine");
		if (EventLoopImpl.onAnyLoopThread()) {
			throw new IllegalStateException("EventLoop.run() was called from inside a coroutine or callback of a "
					+ "running event loop, which it would block. Inside a coroutine use Async.await(...) on a Mono, "
					+ "Task or Future, or Async.createTask(...) to run it concurrently.");
		}
		if (Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException("EventLoop.run() blocks, which is not supported in thread "
					+ Thread.currentThread().getName() + " (a Reactor non-blocking thread). Use Async.mono(...) "
					+ "and compose the Mono instead.");
		}
		TaskImpl<T> task = loop.newTask(coroutine, null, Context.empty());
		CountDownLatch done = new CountDownLatch(1);
		task.addDoneCallback(f -> done.countDown());
		try {
			done.await();
		}
		catch (InterruptedException e) {
			task.cancel("the thread blocked in EventLoop.run() was interrupted");
			throw e;
		}
		return task.result();
	}

	void runForever() throws InterruptedException {
		loop.checkOpen();
		synchronized (loop.monitor) {
			if (!stopPending) {
				long gen = stopGeneration;
				running++;
				try {
					while (gen == stopGeneration && loop.state == EventLoopImpl.OPEN) {
						loop.monitor.wait();
					}
				}
				finally {
					running--;
				}
				return;
			}
			stopPending = false;
		}
		// asyncio's run_forever() after a stop() runs one iteration, what was ready, and returns: the loop runs
		// its callbacks anyway, so wait until what was posted before this call has run (FIFO)
		CountDownLatch round = new CountDownLatch(1);
		if (loop.postIfOpen(round::countDown)) {
			round.await();
		}
	}

	void stop() {
		synchronized (loop.monitor) {
			if (running == 0) {
				stopPending = true; // remembered for the next runForever(), as asyncio's _stopping flag
				return;
			}
			stopGeneration++;
			loop.monitor.notifyAll();
		}
	}
}
