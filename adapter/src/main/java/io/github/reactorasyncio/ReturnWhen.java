package io.github.reactorasyncio;

/**
 * When {@link Async#waitFutures(java.util.Collection, java.time.Duration, ReturnWhen)} returns: Python's
 * {@code asyncio.FIRST_COMPLETED}, {@code FIRST_EXCEPTION} and {@code ALL_COMPLETED}. In every case it also
 * returns when the timeout passes, and it never cancels anything.
 */
public enum ReturnWhen {
	/** As soon as any future is done (a result, an exception or cancelled). */
	FIRST_COMPLETED,
	/** As soon as any future completes with an exception (not a cancellation), or when all are done. */
	FIRST_EXCEPTION,
	/** When every future is done. */
	ALL_COMPLETED
}
