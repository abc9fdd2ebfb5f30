package io.github.reactorasyncio;

import java.util.concurrent.Callable;

import io.github.reactorasyncio.internal.VarContextImpl;

/**
 * A set of {@link ContextVar} values that code can run in: Python's {@code contextvars.Context} (named
 * {@code VarContext} so as not to clash with Reactor's {@code Context}, which {@link Async#context()}
 * returns).
 *
 * <p>{@link #copyContext()} copies the current one. {@link #run} runs code in it: what that code sets with
 * {@link ContextVar#set} lands in this context and is invisible outside the call.
 * {@link Async#createTask(Coroutine, VarContext)} runs a whole task in it: the task reads and writes this
 * context itself, not a copy, so its sets show here afterwards (and to any other task given the same context).
 *
 * <p>Not thread-safe, like the tasks that use it: use it from one loop, or from one thread at a time.
 */
public interface VarContext {

	/**
	 * A copy of the current context: the calling task's variables, or the calling thread's outside a task.
	 * Python's {@code contextvars.copy_context()}. Values a task sees only through its Reactor
	 * {@code Context} (see {@link ContextVar}) are not copied.
	 *
	 * @return a new context holding the current values
	 */
	static VarContext copyContext() {
		return VarContextImpl.copyOfCurrent();
	}

	/**
	 * Runs the body in this context and returns what it returns: Python's {@code Context.run}. Inside the
	 * body, {@link ContextVar#get} reads this context and {@link ContextVar#set} writes it; when the body
	 * ends (normally or not) the caller's own context is back, unchanged. Runs on the calling thread; in a
	 * coroutine the body may await, and the task stays in this context until the body ends.
	 *
	 * @param body what to run
	 * @param <T> its result type
	 * @return what the body returned
	 * @throws IllegalStateException if this context is already entered (by an enclosing {@code run}):
	 *         Python's {@code RuntimeError: cannot enter context}
	 * @throws Exception what the body threw, the same instance
	 */
	<T extends @org.jspecify.annotations.Nullable Object> T run(Callable<T> body) throws Exception;

	/**
	 * The variable's value in this context: Python's {@code ctx.get(var, default)}.
	 *
	 * @param var the variable
	 * @param fallback what to return where it is not set (the variable's own default is not used, as in Python)
	 * @param <T> its value type
	 * @return the value, or {@code fallback}
	 */
	<T extends @org.jspecify.annotations.Nullable Object> T get(ContextVar<T> var, T fallback);

	/**
	 * Returns whether the variable is set in this context: Python's {@code var in ctx}.
	 *
	 * @param var the variable
	 * @return whether it has a value here
	 */
	boolean contains(ContextVar<?> var);

	/**
	 * A copy of this context: Python's {@code Context.copy()}. Later sets in either do not show in the other.
	 *
	 * @return the copy
	 */
	VarContext copy();
}
