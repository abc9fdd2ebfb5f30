package io.github.reactorasyncio.internal;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Keeps SLF4J's MDC with the task rather than the thread. MDC is thread-local, and a loop worker runs
 * several tasks' steps and callbacks one after another, so without this a value put by one coroutine
 * would be seen by whatever ran next on that thread and lost by the coroutine when it resumed elsewhere.
 * When a step ends the thread's MDC is saved into the task's {@link Locals} and cleared; when a step
 * begins it is restored. A new task starts with a copy of its creator's MDC, as with context variables.
 *
 * <p>SLF4J is an optional dependency: {@link #ENABLED} is checked once, and the code that touches
 * {@code org.slf4j} sits in {@link Slf4j} so that it is never loaded without it. When MDC is unused the
 * cost is one {@code MDC.getCopyOfContextMap()} per step, which returns null without allocating.
 */
final class MdcHook {

	/** Whether slf4j-api is on the classpath. */
	static final boolean ENABLED = present();

	/** The key under which a task's MDC is saved in its {@link Locals}. */
	static final Object KEY = new Object() {
		@Override
		public String toString() {
			return "MDC";
		}
	};

	private MdcHook() {
	}

	private static boolean present() {
		try {
			Class.forName("org.slf4j.MDC", false, MdcHook.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError e) {
			return false;
		}
	}

	/** A step of {@code task} begins on the calling thread: put its MDC back. */
	static void begin(@Nullable TaskImpl<?> task) {
		if (task != null && task.locals().get(KEY) instanceof Map<?, ?> saved) {
			Slf4j.restore(saved);
		}
		else {
			// a loop callback may have put something on this thread; it is not the task's
			Slf4j.clearIfSet();
		}
	}

	/** A step of {@code task} ends (it suspends or finishes): save its MDC and leave the thread clean. */
	static void end(TaskImpl<?> task) {
		task.setLocals(Slf4j.saveAndClear(task.locals()));
	}

	/** @return base with the calling thread's current MDC, for a task being created */
	static Locals capture(Locals base) {
		return Slf4j.capture(base);
	}

	/** @return a copy of the calling thread's MDC, or null when it is empty */
	static @Nullable Map<String, String> current() {
		return Slf4j.current();
	}

	/** Replaces the calling thread's MDC; null clears it. */
	static void set(@Nullable Map<String, String> mdc) {
		Slf4j.set(mdc);
	}

	/** The only place that links against SLF4J. */
	private static final class Slf4j {

		static void clearIfSet() {
			if (org.slf4j.MDC.getCopyOfContextMap() != null) {
				org.slf4j.MDC.clear();
			}
		}

		static @Nullable Map<String, String> current() {
			Map<String, String> now = org.slf4j.MDC.getCopyOfContextMap();
			return now == null || now.isEmpty() ? null : now;
		}

		static void set(@Nullable Map<String, String> mdc) {
			if (mdc == null) {
				org.slf4j.MDC.clear();
			}
			else {
				org.slf4j.MDC.setContextMap(mdc);
			}
		}

		@SuppressWarnings("unchecked")
		static void restore(Map<?, ?> saved) {
			org.slf4j.MDC.setContextMap((Map<String, String>) saved);
		}

		static Locals saveAndClear(Locals locals) {
			Map<String, String> now = org.slf4j.MDC.getCopyOfContextMap();
			if (now == null || now.isEmpty()) {
				return locals.without(KEY);
			}
			org.slf4j.MDC.clear();
			// getCopyOfContextMap made a private copy, which is safe to keep as the snapshot
			return now.equals(locals.get(KEY)) ? locals : locals.with(KEY, now);
		}

		static Locals capture(Locals base) {
			Map<String, String> now = org.slf4j.MDC.getCopyOfContextMap();
			if (now == null || now.isEmpty()) {
				return base.without(KEY);
			}
			return base.with(KEY, now);
		}
	}
}
