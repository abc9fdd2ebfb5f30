package io.github.reactorasyncio.internal;

import java.time.Duration;

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

	static {
		// One virtual thread run to its end before any worker exists. Until a virtual thread has ended, the JDK's
		// thread-exit path (VirtualThread.run after the body) refers to a class that is not loaded yet; C2 compiles
		// it, inlined with everything down to the worker's park, into an uncommon trap, and each suspended task
		// frozen in that code would deoptimize (a frame of some fifteen inlined methods) when it finishes. A burst
		// of tasks that all suspend before any finishes (a million sleepers) hits exactly that.
		try {
			// a method of the JDK, not a lambda: a lambda body here would wait for this very initializer; bounded,
			// as a missed warm-up only costs speed
			Thread.ofVirtual().name("reactor-asyncio-warmup").start(Thread::onSpinWait).join(Duration.ofSeconds(1));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	BatonWorker(EventLoopImpl loop, Thread.Builder.OfVirtual threadBuilder) {
		this.loop = loop;
		this.thread = threadBuilder.unstarted(this);
	}

	/**
	 * A worker's whole life: it lies under every suspended coroutine's stack, and so it calls its task's body
	 * itself, with nothing else in this frame. Each frame under a body is kept, frozen, by every suspended task, and
	 * how many there are and how big should not depend on the JIT: a method called from here (running a task, once
	 * {@code EventLoopImpl.runTask} and {@code TaskImpl.runBody}) that the JIT also compiled on its own, after a
	 * deoptimization, grew too big to inline again, and added its frame to every task suspended after that; and
	 * what the JIT inlines here makes this frame as big as the biggest of its call sites (the finishing of a task
	 * made it 14 words instead of 8, once tasks had ended). So the rest of the worker's life is
	 * {@link EventLoopImpl#nextBody}, called and returned from, and too big to inline. A worker is started holding
	 * the baton, with a task or to drive the loop.
	 *
	 * <p>The test after the body is a bytecode of its own, never shared with the one before it (a {@code while}
	 * would share it): during a burst of tasks that all suspend, C2 compiles this frame having seen only the test
	 * before the bodies, and a test it had seen go one way only would become an uncommon trap that every one of
	 * those frozen frames hits, and deoptimizes on, when its task ends.
	 */
	@Override
	public void run() {
		EventLoopImpl loop = this.loop;
		try {
			TaskImpl<?> t = loop.nextBody(this, null, false);
			if (t == null) {
				return;
			}
			for (;;) {
				Object outcome;
				boolean threw = false;
				try {
					outcome = t.body.call();
				}
				catch (Throwable e) {
					outcome = e;
					threw = true;
				}
				t = null; // nextBody finds it as this worker's task; an idle worker keeps no finished task reachable
				t = loop.nextBody(this, outcome, threw);
				if (t == null) {
					return;
				}
			}
		}
		finally {
			loop.workerEnded();
		}
	}
}
