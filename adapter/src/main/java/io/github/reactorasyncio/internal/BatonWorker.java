package io.github.reactorasyncio.internal;

import org.jspecify.annotations.Nullable;

/**
 * A virtual thread of an {@link EventLoopImpl} that can hold the loop's baton; bound to a task while that task is
 * started and not done.
 *
 * <p>The loop creates workers, hands the baton between them ({@code giveBaton}, {@code switchTo}) and keeps the
 * idle ones for reuse; a worker holding the baton runs its assigned task inline, then drives the loop's ready
 * queue until it must hand the baton on. Its fields are written by the baton holder only, except
 * {@link #baton}, the volatile flag through which a hand-off publishes everything the previous holder did.
 */
final class BatonWorker implements Runnable {
	final EventLoopImpl loop;
	final Thread thread;
	volatile boolean baton;
	boolean started;
	@Nullable TaskImpl<?> task;
	@Nullable TaskImpl<?> assigned;
	boolean exit;
	// its task's body is unwinding a StackOverflowError without the baton: see EventLoopImpl.lostBaton
	boolean lostBaton;

	BatonWorker(EventLoopImpl loop, Thread.Builder.OfVirtual threadBuilder) {
		this.loop = loop;
		this.thread = threadBuilder.unstarted(this);
	}

	/**
	 * A worker's whole life, in one frame: it lies under every suspended coroutine's stack and runs once
	 * per thread, so it is never compiled and every extra frame here would cost each suspended task.
	 * A worker is started holding the baton.
	 */
	@Override
	public void run() {
		EventLoopImpl loop = this.loop;
		try {
			for (;;) {
				TaskImpl<?> t = assigned;
				if (t != null) {
					assigned = null;
					loop.runTask(this, t);
					BatonWorker creator = t.eagerCreator;
					t = null; // see driveUnbound: an idle worker keeps no finished task reachable
					if (creator != null) {
						// an eager task that finished in its first step: straight back to createTask
						if (!loop.returnToEagerCreator(this, creator)) {
							return;
						}
						continue;
					}
				}
				if (!loop.driveUnbound(this)) {
					return;
				}
			}
		}
		finally {
			loop.workerEnded();
		}
	}
}
