package io.github.reactorasyncio;

import java.util.List;
import java.util.Objects;

/**
 * Every failure of a {@link TaskGroup} at once: Python's {@code ExceptionGroup('unhandled errors in a
 * TaskGroup', ...)}. Each failure (a child's exception, the body's, in the order they happened) is in
 * {@link #exceptions()} and is also attached as a suppressed exception, so stack traces print them all.
 * The failures are the same instances the children threw.
 */
public final class TaskGroupException extends Exception {

	private static final long serialVersionUID = 1L;

	/** The failures, in the order they happened. */
	@SuppressWarnings("serial") // declared as List, but always List.copyOf's list, which is serializable
	private final List<Throwable> exceptions;

	/**
	 * Creates the exception from the group's failures: it copies the list and attaches each failure as a
	 * suppressed exception.
	 *
	 * @param exceptions the failures, at least one
	 */
	public TaskGroupException(List<? extends Throwable> exceptions) {
		super("unhandled errors in a TaskGroup (" + Objects.requireNonNull(exceptions, "exceptions").size()
				+ " sub-exception" + (exceptions.size() == 1 ? "" : "s") + "): see the suppressed exceptions");
		if (exceptions.isEmpty()) {
			throw new IllegalArgumentException("a TaskGroupException needs at least one exception");
		}
		this.exceptions = List.copyOf(exceptions);
		for (Throwable e : this.exceptions) {
			addSuppressed(e);
		}
	}

	/** {@return the failures, in the order the group saw them; unmodifiable} */
	public List<Throwable> exceptions() {
		return exceptions;
	}
}
