package io.github.reactorasyncio.internal;

import java.util.Objects;
import java.util.concurrent.Callable;

import io.github.reactorasyncio.ContextVar;
import io.github.reactorasyncio.VarContext;
import org.jspecify.annotations.Nullable;

/**
 * Python's {@code contextvars.Context}: a mutable cell around the immutable {@link Locals} snapshot. A task
 * bound to it ({@link TaskImpl#boundContext()}) loads the cell at the start of each step and stores it back at
 * the end (see {@link StepTiming#beginStep} and {@link StepTiming#endStep}), which is what CPython does by
 * running each step of such a task inside {@code context.run}.
 */
public final class VarContextImpl implements VarContext {

	/** The values; loop-confined like the tasks that use it. */
	Locals locals;
	private boolean entered;
	// the thread inside run() when it was entered outside any task: its thread-local holds the newest values
	private @Nullable Thread enteredThread;

	VarContextImpl(Locals locals) {
		this.locals = locals;
	}

	public static VarContextImpl copyOfCurrent() {
		TaskImpl<?> task = currentTask();
		return new VarContextImpl(task != null ? task.locals() : Locals.ofThread());
	}

	/** @return the implementation, or an error saying that only {@code VarContext.copyContext()} makes one */
	public static VarContextImpl of(VarContext context) {
		if (context instanceof VarContextImpl impl) {
			return impl;
		}
		throw new IllegalArgumentException(context.getClass().getName() + " is not a context of this library. "
				+ "Make one with VarContext.copyContext().");
	}

	@Override
	public <T extends @Nullable Object> T run(Callable<T> body) throws Exception {
		Objects.requireNonNull(body, "body");
		if (entered) {
			throw new IllegalStateException("cannot enter context: " + this + " is already entered. Run it once "
					+ "at a time, or run a copy().");
		}
		entered = true;
		TaskImpl<?> task = currentTask();
		if (task == null) {
			Locals saved = Locals.ofThread();
			Locals.setThread(locals);
			enteredThread = Thread.currentThread();
			try {
				return body.call();
			}
			finally {
				locals = Locals.ofThread();
				Locals.setThread(saved);
				enteredThread = null;
				entered = false;
			}
		}
		// the task runs in this context until the body ends, across any await in it
		@Nullable VarContextImpl outer = task.boundContext();
		Locals saved = task.locals();
		task.setBoundContext(this);
		task.setLocals(locals);
		try {
			return body.call();
		}
		finally {
			locals = task.locals();
			task.setBoundContext(outer);
			task.setLocals(outer != null ? outer.locals : saved);
			entered = false;
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends @Nullable Object> T get(ContextVar<T> var, T fallback) {
		Objects.requireNonNull(var, "var");
		Object v = current().get(var);
		return v == Locals.MISSING ? fallback : (T) v;
	}

	@Override
	public boolean contains(ContextVar<?> var) {
		Objects.requireNonNull(var, "var");
		return current().get(var) != Locals.MISSING;
	}

	@Override
	public VarContext copy() {
		return new VarContextImpl(current());
	}

	/** The values now: a running task bound to this context holds the newest ones until its step ends. */
	private Locals current() {
		TaskImpl<?> task = currentTask();
		if (task != null) {
			return task.boundContext() == this ? task.locals() : locals;
		}
		return enteredThread == Thread.currentThread() ? Locals.ofThread() : locals;
	}

	private static @Nullable TaskImpl<?> currentTask() {
		EventLoopImpl loop = EventLoopImpl.current();
		return loop != null ? loop.currentTask() : null;
	}

	@Override
	public String toString() {
		return "VarContext@" + Integer.toHexString(System.identityHashCode(this)) + (entered ? "[entered]" : "");
	}
}
