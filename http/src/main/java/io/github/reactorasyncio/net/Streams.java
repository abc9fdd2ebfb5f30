package io.github.reactorasyncio.net;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.StreamReader;
import io.github.reactorasyncio.net.internal.ChannelStreams;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * asyncio's stream functions over TCP, on Reactor Netty: {@link #openConnection(String, int)} is
 * {@code asyncio.open_connection} and {@link #startServer(ConnectionHandler, String, int)} is
 * {@code asyncio.start_server}. Call them from a coroutine; the streams are bound to its loop.
 *
 * <pre>{@code
 * try (StreamConnection c = Streams.openConnection("127.0.0.1", 8888)) {
 *     c.writer().write("Hello World!".getBytes(UTF_8));
 *     c.writer().drain();
 *     byte[] reply = c.reader().read(100);
 * }
 * }</pre>
 *
 * <p>Reading is pulled: the connection reads from the socket only while its {@link StreamReader} holds less than
 * twice its limit, so a slow reader slows the peer (TCP's window) instead of filling memory. Writes go out at
 * once; {@code drain()} waits while Netty's outbound buffer is over its high-water mark (64 KiB). Both sides allow
 * half-closure: {@code writer.writeEof()} sends FIN and reading goes on. Errors are the socket's, as Netty
 * reports them (a {@code java.net.ConnectException} for a refused connection, an {@code IOException} for a reset).
 */
public final class Streams {

	private Streams() {
	}

	/**
	 * Opens a TCP connection: Python's {@code reader, writer = await asyncio.open_connection(host, port)}.
	 * Cancelling the coroutine while it connects aborts the connection.
	 *
	 * @param host the host name or address
	 * @param port the port
	 * @return the connection's reader and writer; close it
	 * @throws Exception what connecting failed with, e.g. {@code java.net.ConnectException}
	 * @throws IllegalStateException outside a coroutine
	 */
	public static StreamConnection openConnection(String host, int port) throws Exception {
		return openConnection(host, port, StreamReader.DEFAULT_LIMIT);
	}

	/**
	 * Opens a TCP connection whose reader has the given limit; see {@link #openConnection(String, int)}.
	 *
	 * @param host the host name or address
	 * @param port the port
	 * @param limit the reader's limit (Python's {@code limit=}): its buffer and its longest line
	 * @return the connection's reader and writer; close it
	 * @throws Exception what connecting failed with
	 */
	public static StreamConnection openConnection(String host, int port, int limit) throws Exception {
		Objects.requireNonNull(host, "host");
		EventLoop loop = loop("openConnection");
		// wired on the channel's thread as it connects, before a byte (or the end) can arrive unseen
		AtomicReference<ChannelStreams.@Nullable Pair> wired = new AtomicReference<>();
		AtomicReference<@Nullable Channel> opening = new AtomicReference<>();
		Async.await(TcpClient.newConnection().host(host).port(port)
				.option(ChannelOption.ALLOW_HALF_CLOSURE, true)
				.doOnChannelInit((observer, channel, address) -> {
					opening.set(channel);
					wired.set(ChannelStreams.attach(channel, loop, limit));
				})
				.connect()
				// a connection that arrives after the awaiting task was cancelled is dropped by the await, which
				// closes what is AutoCloseable (a Reactor Netty Connection is not) ...
				.map(connection -> (AutoCloseable) connection::dispose)
				// ... and one cancelled between the TCP handshake and its emission, which Reactor Netty neither
				// emits nor closes, is closed here (either way the peer would otherwise wait for the end forever)
				.doOnCancel(() -> {
					Channel channel = opening.get();
					if (channel != null) {
						channel.close();
					}
				}));
		ChannelStreams.Pair pair = Objects.requireNonNull(wired.get());
		// Reactor Netty turns auto-read off when it binds the connection, after the reader was wired
		ChannelStreams.startReading(pair);
		return new StreamConnection(pair.reader(), pair.writer());
	}

	/**
	 * Starts a TCP server that runs {@code handler} as a coroutine of the current loop for each connection:
	 * Python's {@code await asyncio.start_server(handler, host, port)}. The connection is closed when the handler
	 * returns (after what it wrote) or throws; an exception is reported by the loop's exception handler, as a
	 * task exception nobody retrieved. Closing the server stops
	 * accepting connections; those open go on.
	 *
	 * @param handler what to run for each connection
	 * @param host the address to bind, e.g. {@code "127.0.0.1"}
	 * @param port the port, or 0 for one the system chooses ({@link StreamServer#port()})
	 * @return the listening server; close it
	 * @throws Exception what binding failed with, e.g. {@code java.net.BindException}
	 * @throws IllegalStateException outside a coroutine
	 */
	public static StreamServer startServer(ConnectionHandler handler, String host, int port) throws Exception {
		Objects.requireNonNull(handler, "handler");
		Objects.requireNonNull(host, "host");
		EventLoop loop = loop("startServer");
		DisposableServer server = Async.await(TcpServer.create().host(host).port(port)
				.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
				.handle((in, out) -> Mono.<Connection>create(sink -> in.withConnection(sink::success))
						.flatMap(connection -> {
							ChannelStreams.Pair pair = ChannelStreams.attach(connection, loop, StreamReader.DEFAULT_LIMIT);
							return Async.mono(loop, () -> {
								try {
									handler.handle(pair.reader(), pair.writer());
								}
								finally {
									// Netty drops what is not written yet when the connection is disposed
									pair.writer().close();
									pair.writer().waitClosed();
								}
								return null;
							});
						}))
				.bind());
		return new StreamServer(server);
	}

	private static EventLoop loop(String method) {
		if (!Async.inCoroutine()) {
			throw new IllegalStateException("Streams." + method + " must be called from a coroutine, whose loop the "
					+ "streams are bound to: wrap it in EventLoop.run / Async.run / Async.mono(() -> ...).");
		}
		return Async.currentLoop();
	}
}
