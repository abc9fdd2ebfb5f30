package io.github.reactorasyncio.internal;

import java.util.concurrent.TimeUnit;

import io.github.reactorasyncio.EventLoop;
import org.jspecify.annotations.Nullable;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * How long each step holds the loop: debug mode's slow-step warning (CPython's
 * {@code slow_callback_duration}, with the coroutine's name and where its step ended) and the metrics
 * observer's step timings.
 *
 * <p>The superclass of {@link EventLoopImpl} rather than an object it holds: the loop reads these fields at the
 * start and end of every coroutine step and callback, on the switch path, and as its own fields they cost a
 * plain load each, with no extra indirection. A loop neither in debug mode nor observed reads the clock not at
 * all. Loop-confined, apart from the volatile settings.
 */
abstract sealed class StepTiming permits EventLoopImpl {

	final Logger log = Loggers.getLogger(EventLoop.class);
	// the metrics binder, if any; set on the loop, so reading it costs a plain load per step
	@Nullable LoopObserver observer;
	volatile boolean debug;
	volatile long slowNanos = TimeUnit.MILLISECONDS.toNanos(100);
	private long stepStart;

	/** Called as a coroutine step begins. */
	final void startStepTimer() {
		if (debug || observer != null) {
			stepStart = System.nanoTime();
		}
	}

	/** Called as the step of {@code task} ends (it finishes or suspends). */
	final void stopStepTimer(TaskImpl<?> task) {
		if (stepStart != 0) {
			long took = System.nanoTime() - stepStart;
			stepStart = 0;
			boolean slow = took > slowNanos;
			if (observer != null) {
				observer.stepEnded(took, slow);
			}
			if (debug && slow) {
				Throwable where = new Throwable("the step of " + task.name() + " ended here");
				log.warn("Executing " + task + " took " + TimeUnit.NANOSECONDS.toMillis(took)
						+ " ms; a step holds the loop until it awaits something pending", where);
			}
		}
	}

	/**
	 * Called after a timed callback ran.
	 *
	 * @param o the observer when the callback started (one it installed itself does not hear of it)
	 * @param start when it started
	 */
	final void callbackEnded(Runnable item, @Nullable LoopObserver o, long start) {
		long took = System.nanoTime() - start;
		boolean slow = took > slowNanos;
		if (o != null) {
			o.stepEnded(took, slow);
		}
		if (debug && slow) {
			log.warn("Executing {} took {} ms", item, TimeUnit.NANOSECONDS.toMillis(took));
		}
	}
}
