package io.github.reactorasyncio.internal;

import java.util.concurrent.TimeUnit;

import io.github.reactorasyncio.EventLoop;
import org.jspecify.annotations.Nullable;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * What begins and ends with each step of a coroutine: which task is current, its variable context and MDC
 * put in place and saved back, and how long the step held the loop (debug mode's slow-step warning, CPython's
 * {@code slow_callback_duration}, with the coroutine's name and where its step ended; the metrics observer's
 * step timings).
 *
 * <p>The top of the loop's class chain ({@code StepTiming}, {@link ReadyQueue}, {@link EventLoopApi},
 * {@link EventLoopImpl}) rather than an object the loop holds: the loop calls {@link #beginStep} and
 * {@link #endStep} on every switch, and as its own fields these cost a plain load each, with no extra
 * indirection. A loop neither in debug mode nor observed reads the clock not at all. Loop-confined, apart from
 * the volatile settings.
 */
abstract sealed class StepTiming permits ReadyQueue {

	final Logger log = Loggers.getLogger(EventLoop.class);
	// the metrics binder, if any; set on the loop, so reading it costs a plain load per step
	@Nullable LoopObserver observer;
	volatile boolean debug;
	volatile long slowNanos = TimeUnit.MILLISECONDS.toNanos(100);
	private long stepStart;
	// the task whose step is executing, while one is
	@Nullable TaskImpl<?> currentTask;

	/** Called as the step of {@link #currentTask} begins (it starts or resumes). */
	final void beginStep() {
		TaskImpl<?> t = currentTask;
		VarContextImpl bound = t != null ? t.boundContext() : null;
		if (bound != null) {
			t.setLocals(bound.locals); // another task sharing the context may have set something
		}
		if (MdcHook.ENABLED) {
			MdcHook.begin(currentTask);
		}
		startStepTimer();
	}

	/** Called as the step of {@code task} ends (it finishes or suspends). */
	final void endStep(TaskImpl<?> task) {
		if (MdcHook.ENABLED) {
			MdcHook.end(task);
		}
		VarContextImpl bound = task.boundContext();
		if (bound != null) {
			bound.locals = task.locals();
		}
		stopStepTimer(task);
	}

	private void startStepTimer() {
		if (debug || observer != null) {
			stepStart = System.nanoTime();
		}
	}

	private void stopStepTimer(TaskImpl<?> task) {
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
