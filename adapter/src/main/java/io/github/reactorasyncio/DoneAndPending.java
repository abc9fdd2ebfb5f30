package io.github.reactorasyncio;

import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What {@link Async#waitFutures(java.util.Collection, java.time.Duration, ReturnWhen)} returns: Python's
 * {@code (done, pending)} pair. Both sets are unmodifiable snapshots taken when the wait ended, in the order
 * the futures were given; futures compare by identity.
 *
 * @param done the futures that were done ({@link Future#isDone()}) when the wait returned
 * @param pending the others, still running
 * @param <T> the futures' result type
 */
public record DoneAndPending<T extends @Nullable Object>(Set<Future<T>> done, Set<Future<T>> pending) {

	/**
	 * Creates the pair; neither set may be {@code null}.
	 *
	 * @param done the futures that were done
	 * @param pending the others
	 */
	public DoneAndPending {
		Objects.requireNonNull(done, "done");
		Objects.requireNonNull(pending, "pending");
	}
}
