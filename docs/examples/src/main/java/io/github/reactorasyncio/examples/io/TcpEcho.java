package io.github.reactorasyncio.examples.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.StreamReader;
import io.github.reactorasyncio.StreamWriter;
import io.github.reactorasyncio.net.StreamConnection;
import io.github.reactorasyncio.net.StreamServer;
import io.github.reactorasyncio.net.Streams;

/** The TCP echo client and server of the asyncio documentation ("Streams" chapter), ported. */
public final class TcpEcho {

	private TcpEcho() {
	}

	// tag::main[]
	/** Python: {@code async def handle_echo(reader, writer)} of the asyncio docs. */
	static void handleEcho(StreamReader reader, StreamWriter writer, List<String> log) throws Exception {
		byte[] data = reader.read(100);
		String message = new String(data, StandardCharsets.UTF_8);
		log.add("server received " + message);
		writer.write(data);
		writer.drain();
		writer.close();
		writer.waitClosed();
	}

	/** Python: {@code async def tcp_echo_client(message)} of the asyncio docs. */
	static void tcpEchoClient(int port, String message, List<String> log) throws Exception {
		StreamConnection connection = Streams.openConnection("127.0.0.1", port);
		log.add("client sends " + message);
		connection.writer().write(message.getBytes(StandardCharsets.UTF_8));
		connection.writer().drain();
		byte[] data = connection.reader().read(100);
		log.add("client received " + new String(data, StandardCharsets.UTF_8));
		connection.writer().close();
		connection.writer().waitClosed();
	}

	/**
	 * Starts the server ({@code asyncio.start_server(handle_echo, '127.0.0.1', 0)}), runs the client against it,
	 * and closes the server.
	 *
	 * @param message what the client sends
	 * @return what the server and the client saw, in order
	 * @throws Exception if a connection failed
	 */
	public static List<String> run(String message) throws Exception {
		List<String> log = new ArrayList<>();
		Async.run(() -> {
			try (StreamServer server = Streams.startServer((r, w) -> handleEcho(r, w, log), "127.0.0.1", 0)) {
				tcpEchoClient(server.port(), message, log);
			}
			return null;
		});
		return log;
	}
	// end::main[]
}
