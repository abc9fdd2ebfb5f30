package io.github.reactorasyncio;

import java.util.NoSuchElementException;
import java.util.Objects;

import io.github.reactorasyncio.internal.EventLoopImpl;
import io.github.reactorasyncio.internal.Locals;
import io.github.reactorasyncio.internal.TaskImpl;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * A variable with one value per task: Python's {@code contextvars.ContextVar}.
 *
 * <p>Each task has its own context. A task starts with a snapshot of its creator's context (the creating
 * task's or, from outside any task, the creating thread's), so a child sees the values its parent had when
 * it was created; what the child sets later is invisible to the parent and vice versa. Code that is not a
 * task step (a plain thread, a loop callback) uses the calling thread's own context, and
 * {@link Async#toThread} runs its callable with a copy of the awaiting task's context.
 *
 * <p>Bridge to Reactor: when a task has no value of its own, {@link #get()} looks in the task's Reactor
 * {@link Async#context() Context} under this variable as the key, so
 * {@code Async.mono(body).contextWrite(Context.of(var, value))} gives the body's tasks that value. The
 * reverse does not hold: {@link #set} does not change the Reactor context that awaited Monos see.
 *
 * <p>{@code get} and {@code set} are cheap (a copy-on-write array of the task's few variables) and must be
 * called from the task itself, which is where the loop runs them anyway.
 *
 * @param <T> the value type
 */
public final class ContextVar<T extends @Nullable Object> {

	private static final Object NO_DEFAULT = new Object();

	private final String name;
	private final @Nullable Object defaultValue;

	private ContextVar(String name, @Nullable Object defaultValue) {
		this.name = name;
		this.defaultValue = defaultValue;
	}

	/**
	 * A variable with no default: {@link #get()} throws until it is set.
	 *
	 * @param name a name for {@code toString()} and messages; two variables with one name are still distinct
	 * @param <T> the value type
	 * @return the variable, usually kept in a {@code static final} field
	 */
	public static <T extends @Nullable Object> ContextVar<T> create(String name) {
		Objects.requireNonNull(name, "name");
		return new ContextVar<>(name, NO_DEFAULT);
	}

	/**
	 * A variable whose {@link #get()} returns {@code defaultValue} where it is not set.
	 *
	 * @param name a name for {@code toString()} and messages
	 * @param defaultValue the value where it is not set, possibly {@code null}
	 * @param <T> the value type
	 * @return the variable
	 */
	public static <T extends @Nullable Object> ContextVar<T> create(String name, T defaultValue) {
		Objects.requireNonNull(name, "name");
		return new ContextVar<>(name, defaultValue);
	}

	/** {@return the name given at creation} */
	public String name() {
		return name;
	}

	/**
	 * The value in the current context: the task's (or thread's) own, else the Reactor context's entry
	 * keyed by this variable, else the default.
	 *
	 * @return the value
	 * @throws NoSuchElementException if it is not set and has no default (Python's {@code LookupError})
	 */
	@SuppressWarnings("unchecked")
	public T get() {
		Object v = lookup();
		if (v == Locals.MISSING) {
			if (defaultValue == NO_DEFAULT) {
				throw new NoSuchElementException("ContextVar '" + name + "' has no value in this context and no "
						+ "default. Set it first, create it with a default, or use get(defaultValue).");
			}
			return (T) defaultValue;
		}
		return (T) v;
	}

	/**
	 * The value in the current context, or the given fallback where it is not set (the variable's own
	 * default is ignored, as in Python).
	 *
	 * @param fallback what to return where the variable is not set
	 * @return the value or the fallback
	 */
	@SuppressWarnings("unchecked")
	public T get(T fallback) {
		Object v = lookup();
		return v == Locals.MISSING ? fallback : (T) v;
	}

	private @Nullable Object lookup() {
		TaskImpl<?> task = currentTask();
		if (task == null) {
			return Locals.ofThread().get(this);
		}
		Object v = task.locals().get(this);
		if (v == Locals.MISSING) {
			ContextView reactor = task.context;
			if (reactor.hasKey(this)) {
				return reactor.get(this);
			}
		}
		return v;
	}

	/**
	 * Sets the value in the current context only: the current task's (invisible to its parent and to
	 * children created before), or the calling thread's outside a task.
	 *
	 * @param value the new value, possibly {@code null}
	 * @return a token to give to {@link #reset(Token)} to restore the previous value
	 */
	public Token<T> set(T value) {
		TaskImpl<?> task = currentTask();
		Locals before = task != null ? task.locals() : Locals.ofThread();
		Token<T> token = new Token<>(this, task != null ? task : Thread.currentThread(), before.get(this));
		Locals after = before.with(this, value);
		if (task != null) {
			task.setLocals(after);
		}
		else {
			Locals.setThread(after);
		}
		return token;
	}

	/**
	 * Restores the value the variable had before the {@link #set} that returned the token (unset, if it
	 * was unset). A token works once, in the context (task or thread) that made it.
	 *
	 * @param token from {@link #set} of this variable
	 * @throws IllegalArgumentException if the token belongs to another variable or another context
	 * @throws InvalidStateException if the token was used already
	 */
	public void reset(Token<T> token) {
		Objects.requireNonNull(token, "token");
		if (token.var != this) {
			throw new IllegalArgumentException(token + " was created by a different ContextVar than " + this
					+ "; reset it with that variable.");
		}
		TaskImpl<?> task = currentTask();
		Object owner = task != null ? task : Thread.currentThread();
		if (token.owner != owner) {
			throw new IllegalArgumentException(token + " was created in a different context (" + token.owner
					+ ") than the current one (" + owner + "); a token resets only in the task that set it.");
		}
		if (token.used) {
			throw new InvalidStateException(token + " is USED: a token resets its variable once.");
		}
		token.used = true;
		Locals before = task != null ? task.locals() : Locals.ofThread();
		Locals after = token.oldValue == Locals.MISSING ? before.without(this) : before.with(this, token.oldValue);
		if (task != null) {
			task.setLocals(after);
		}
		else {
			Locals.setThread(after);
		}
	}

	private static @Nullable TaskImpl<?> currentTask() {
		EventLoopImpl loop = EventLoopImpl.current();
		return loop != null ? loop.currentTask() : null;
	}

	@Override
	public String toString() {
		return "ContextVar[" + name + (defaultValue != NO_DEFAULT ? ", default=" + defaultValue : "") + "]";
	}

	/**
	 * What {@link ContextVar#set} returns, to undo that set with {@link ContextVar#reset}: Python's
	 * {@code contextvars.Token}. Usable once, in the task or thread that made it.
	 *
	 * @param <T> the variable's value type
	 */
	public static final class Token<T extends @Nullable Object> {

		/** Marks {@link #oldValue()} of a variable that was not set. */
		public static final Object MISSING = Locals.MISSING;

		final ContextVar<T> var;
		final Object owner;
		final @Nullable Object oldValue;
		boolean used;

		Token(ContextVar<T> var, Object owner, @Nullable Object oldValue) {
			this.var = var;
			this.owner = owner;
			this.oldValue = oldValue;
		}

		/** {@return the variable this token resets} */
		public ContextVar<T> var() {
			return var;
		}

		/** {@return the value before the set, or {@link #MISSING} if the variable was not set} */
		public @Nullable Object oldValue() {
			return oldValue;
		}

		@Override
		public String toString() {
			return "Token[" + var.name + (used ? ", USED]" : ", UNUSED]");
		}
	}
}
