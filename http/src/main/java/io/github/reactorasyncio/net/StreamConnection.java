package io.github.reactorasyncio.net;

import java.util.Objects;

import io.github.reactorasyncio.StreamReader;
import io.github.reactorasyncio.StreamWriter;

/**
 * The two ends of a TCP connection opened by {@link Streams#openConnection(String, int)}: the
 * {@code (reader, writer)} pair of Python's {@code asyncio.open_connection}. Closing it closes the writer, and
 * so the connection, after what was written.
 *
 * @param reader what the server sends
 * @param writer what goes to the server
 */
public record StreamConnection(StreamReader reader, StreamWriter writer) implements AutoCloseable {

	/**
	 * Wraps the two ends.
	 *
	 * @param reader what the server sends
	 * @param writer what goes to the server
	 */
	public StreamConnection {
		Objects.requireNonNull(reader, "reader");
		Objects.requireNonNull(writer, "writer");
	}

	/** Closes the connection once what was written is sent; returns at once. Idempotent. */
	@Override
	public void close() {
		writer.close();
	}
}
