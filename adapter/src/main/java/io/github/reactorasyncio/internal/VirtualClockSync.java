package io.github.reactorasyncio.internal;

import java.util.concurrent.TimeUnit;

import reactor.core.scheduler.Scheduler;

/**
 * Keeps a loop that follows a scheduler's clock (a {@code VirtualTimeScheduler}, for
 * {@code StepVerifier.withVirtualTime}) in step with it, so that advancing virtual time runs coroutine sleeps
 * and timeouts with no real waiting.
 *
 * <p>Two halves. The loop, going idle, asks the clock scheduler to wake it at its earliest timer deadline (a
 * loop on a virtual clock never parks with a timeout: real time means nothing to it) and counts one more idle
 * generation. A thread outside the loop that posted work ({@link ReadyQueue#post}) then waits in
 * {@link #awaitIdle} for a generation that began after its post: whatever it does next (advance time, check a
 * result) sees everything its work led to, with no race. {@link ReadyQueue} has one only when it has a
 * clock; the generation is guarded by the loop's monitor, which closing also notifies.
 */
final class VirtualClockSync {

	private final ReadyQueue loop;
	private final Scheduler clock;
	// loop-confined: the deadline the clock scheduler was last asked to wake the loop at
	private long armedWake = Long.MAX_VALUE;
	// guarded by loop.monitor
	private long idleGeneration;
	private int idleWaiters;

	VirtualClockSync(ReadyQueue loop, Scheduler clock) {
		this.loop = loop;
		this.clock = clock;
	}

	/**
	 * Called on the loop as it goes idle.
	 *
	 * @param nextDeadline the earliest timer's deadline, or {@code Long.MAX_VALUE} for none
	 * @param delay how far ahead of the clock's time it is
	 */
	void loopIdle(long nextDeadline, long delay) {
		if (nextDeadline != Long.MAX_VALUE && nextDeadline < armedWake) {
			armWake(nextDeadline, delay);
		}
		synchronized (loop.monitor) {
			idleGeneration++;
			if (idleWaiters > 0) {
				loop.monitor.notifyAll();
			}
		}
	}

	/** Asks the clock scheduler to wake the loop at {@code deadline}. */
	private void armWake(long deadline, long delay) {
		armedWake = deadline;
		clock.schedule(() -> {
			loop.post(() -> {
				if (armedWake == deadline) {
					armedWake = Long.MAX_VALUE;
				}
			});
		}, delay, TimeUnit.NANOSECONDS);
	}

	/** Blocks the calling (non-loop) thread until the loop has run out of ready work, or closed. */
	void awaitIdle() {
		long[] seen = {-1};
		loop.inbox.offer(() -> {
			synchronized (loop.monitor) {
				seen[0] = idleGeneration;
			}
		});
		loop.wake();
		synchronized (loop.monitor) {
			idleWaiters++;
			try {
				while ((seen[0] < 0 || idleGeneration <= seen[0]) && loop.state != ReadyQueue.CLOSED) {
					loop.monitor.wait();
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			finally {
				idleWaiters--;
			}
		}
	}
}
