package io.github.reactorasyncio;

import java.util.concurrent.CancellationException;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at an await point of a cancelled {@link Task}, and by {@link Future#result()} of a cancelled
 * future: Python's {@code asyncio.CancelledError}.
 *
 * <p>A coroutine may catch it to clean up, even awaiting again, and should then re-throw it: a task whose
 * body swallows it completes normally instead of being cancelled.
 */
public class CancelledException extends CancellationException {

	private static final long serialVersionUID = 1L;

	/** A cancellation with no message. */
	public CancelledException() {
		super();
	}

	/**
	 * A cancellation with the message given to {@link Future#cancel(String)}.
	 *
	 * @param message the cancel message, or {@code null}
	 */
	public CancelledException(@Nullable String message) {
		super(message);
	}
}
