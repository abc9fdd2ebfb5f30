package io.github.reactorasyncio;

import java.io.EOFException;

/**
 * The stream ended before a {@link StreamReader#readExactly(int)} or {@link StreamReader#readUntil(byte[])} was
 * satisfied: Python's {@code asyncio.IncompleteReadError}. {@link #partial()} holds the bytes read before the
 * end, which are no longer in the reader.
 */
public class IncompleteReadException extends EOFException {

	private static final long serialVersionUID = 1L;

	/** The bytes read before the end of the stream. */
	private final byte[] partial;
	/** How many bytes were expected, or -1 when a separator was. */
	private final int expected;

	/**
	 * Creates the exception.
	 *
	 * @param partial the bytes read before the end of the stream
	 * @param expected how many bytes were expected, or -1 when reading up to a separator
	 */
	public IncompleteReadException(byte[] partial, int expected) {
		super(partial.length + " bytes read on a total of " + (expected < 0 ? "undefined" : String.valueOf(expected))
				+ " expected bytes: the stream ended first");
		this.partial = partial;
		this.expected = expected;
	}

	/**
	 * Returns the bytes read before the end of the stream (the array itself).
	 *
	 * @return the bytes read before the end of the stream
	 */
	public byte[] partial() {
		return partial;
	}

	/**
	 * Returns how many bytes were expected, or -1 when reading up to a separator (Python's {@code None}).
	 *
	 * @return how many bytes were expected, or -1
	 */
	public int expected() {
		return expected;
	}
}
