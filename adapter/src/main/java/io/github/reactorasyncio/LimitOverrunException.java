package io.github.reactorasyncio;

import java.io.IOException;

/**
 * A {@link StreamReader} looked for a separator (a line end) further than its limit: Python's
 * {@code asyncio.LimitOverrunError}. {@link #consumed()} says how many bytes were looked at. Raise the limit
 * when creating the reader, or read such data with {@link StreamReader#read(int)}.
 */
public class LimitOverrunException extends IOException {

	private static final long serialVersionUID = 1L;

	/** How many bytes were looked at. */
	private final int consumed;

	/**
	 * Creates the exception.
	 *
	 * @param message what overran
	 * @param consumed how many bytes were looked at
	 */
	public LimitOverrunException(String message, int consumed) {
		super(message);
		this.consumed = consumed;
	}

	/**
	 * Returns how many bytes were looked at before giving up.
	 *
	 * @return how many bytes were looked at
	 */
	public int consumed() {
		return consumed;
	}
}
