package io.github.reactorasyncio.internal;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The per-task context behind {@code ContextVar} and the MDC hook: an immutable map keyed by identity.
 * Immutable so that a child task can share its parent's snapshot at creation for free, and a later
 * {@code set} in either one replaces only its own reference (Python's copy-on-create contextvars).
 * Tasks hold a handful of variables, so a flat array beats a hash map.
 */
public final class Locals {

	/** No variables set. */
	public static final Locals EMPTY = new Locals(new Object[0]);

	/** What {@link #get} returns for a key that is not set (a value may legitimately be null). */
	public static final Object MISSING = new Object();

	/** The context of code that is not a task step: plain threads, and {@code Async.toThread} bodies. */
	private static final ThreadLocal<Locals> OUTSIDE = ThreadLocal.withInitial(() -> EMPTY);

	private final @Nullable Object[] keysAndValues;

	private Locals(@Nullable Object[] keysAndValues) {
		this.keysAndValues = keysAndValues;
	}

	/** @return the value of key, or {@link #MISSING} */
	public @Nullable Object get(Object key) {
		Object[] kv = keysAndValues;
		for (int i = 0; i < kv.length; i += 2) {
			if (kv[i] == key) {
				return kv[i + 1];
			}
		}
		return MISSING;
	}

	/** @return a copy with key set to value */
	public Locals with(Object key, @Nullable Object value) {
		Object[] kv = keysAndValues;
		for (int i = 0; i < kv.length; i += 2) {
			if (kv[i] == key) {
				if (kv[i + 1] == value) {
					return this;
				}
				Object[] copy = kv.clone();
				copy[i + 1] = value;
				return new Locals(copy);
			}
		}
		Object[] copy = Arrays.copyOf(kv, kv.length + 2);
		copy[kv.length] = key;
		copy[kv.length + 1] = value;
		return new Locals(copy);
	}

	/** @return a copy without key */
	public Locals without(Object key) {
		Object[] kv = keysAndValues;
		for (int i = 0; i < kv.length; i += 2) {
			if (kv[i] == key) {
				if (kv.length == 2) {
					return EMPTY;
				}
				Object[] copy = new Object[kv.length - 2];
				System.arraycopy(kv, 0, copy, 0, i);
				System.arraycopy(kv, i + 2, copy, i, kv.length - i - 2);
				return new Locals(copy);
			}
		}
		return this;
	}

	/** @return the calling thread's context when it is not running a task step */
	public static Locals ofThread() {
		return OUTSIDE.get();
	}

	/** Replaces the calling thread's context (outside task steps). */
	public static void setThread(Locals locals) {
		if (locals == EMPTY) {
			OUTSIDE.remove();
		}
		else {
			OUTSIDE.set(locals);
		}
	}

	/**
	 * The context a new task starts with: a snapshot of its creator's, the creating task's or, from
	 * outside any task, the calling thread's, with the calling thread's MDC when SLF4J is present.
	 */
	static Locals forNewTask(@Nullable TaskImpl<?> parent) {
		Locals base = parent != null ? parent.locals() : ofThread();
		return MdcHook.ENABLED ? MdcHook.capture(base) : base;
	}
}
