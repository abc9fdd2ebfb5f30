package io.github.reactorasyncio.internal;

import java.lang.ref.Cleaner;

import io.github.reactorasyncio.ExceptionContext;
import org.jspecify.annotations.Nullable;

/**
 * The report of a future's exception that nobody retrieved, made when the future is garbage-collected: CPython's
 * "Future exception was never retrieved" from {@code Future.__del__}.
 *
 * <p>{@link FutureImpl} calls {@link #watch} as it fails, and {@link #retrieved} once {@code result()} or
 * {@code exception()} has handed the exception out. The Cleaner runs this once the future is unreachable; it
 * holds no reference to the future itself, only what the report needs, and reports through
 * {@link EventLoopApi#reportLater}, so the loop's exception handler hears of it on the loop (or, once the loop
 * is closed, the report is logged).
 */
final class NeverRetrieved implements Runnable {

	private static final Cleaner CLEANER = Cleaner.create();

	private final EventLoopImpl loop;
	private final Throwable error;
	private final @Nullable String taskName;
	private volatile boolean retrieved;

	private NeverRetrieved(EventLoopImpl loop, Throwable error, @Nullable String taskName) {
		this.loop = loop;
		this.error = error;
		this.taskName = taskName;
	}

	/**
	 * Reports {@code error} when {@code future} is collected, unless {@link #retrieved} was called first.
	 *
	 * @param taskName the task's name if the future is a task, else null
	 */
	static NeverRetrieved watch(FutureImpl<?> future, Throwable error, @Nullable String taskName) {
		NeverRetrieved r = new NeverRetrieved(future.loop, error, taskName);
		CLEANER.register(future, r);
		return r;
	}

	/** Called when the exception was handed out: there is nothing to report any more. */
	void retrieved() {
		retrieved = true;
	}

	@Override
	public void run() {
		if (!retrieved) {
			// CPython's wording; the task's name goes in its own field only, so the log names it once
			loop.reportLater(new ExceptionContext((taskName != null ? "Task" : "Future")
					+ " exception was never retrieved", error, null, taskName));
		}
	}
}
