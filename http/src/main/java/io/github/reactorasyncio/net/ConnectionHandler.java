package io.github.reactorasyncio.net;

import io.github.reactorasyncio.StreamReader;
import io.github.reactorasyncio.StreamWriter;

/**
 * What a {@link StreamServer} runs for each connection, as a coroutine of the server's loop: asyncio's
 * {@code client_connected_cb}. When it returns (or throws), the connection is closed after what was written.
 */
@FunctionalInterface
public interface ConnectionHandler {

	/**
	 * Serves one connection.
	 *
	 * @param reader what the client sends
	 * @param writer what goes back to it
	 * @throws Exception anything; the loop's exception handler reports it and the connection is closed
	 */
	void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
