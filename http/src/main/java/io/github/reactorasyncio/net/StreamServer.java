package io.github.reactorasyncio.net;

import io.github.reactorasyncio.Async;
import reactor.netty.DisposableServer;

/**
 * A listening TCP server started by {@link Streams#startServer}: Python's {@code asyncio.Server}.
 * {@link #close()} stops accepting connections (those open go on until their handlers return);
 * {@link #waitClosed()} waits for the listening socket to be gone.
 */
public final class StreamServer implements AutoCloseable {

	private final DisposableServer server;

	StreamServer(DisposableServer server) {
		this.server = server;
	}

	/**
	 * Returns the port the server listens on (the one the system chose, for port 0).
	 *
	 * @return the port the server listens on
	 */
	public int port() {
		return server.port();
	}

	/**
	 * Returns the address the server listens on.
	 *
	 * @return the host address it is bound to
	 */
	public String host() {
		return server.host();
	}

	/**
	 * Returns whether the server still accepts connections: Python's {@code is_serving()}.
	 *
	 * @return whether the server still accepts connections
	 */
	public boolean isServing() {
		return !server.isDisposed();
	}

	/** Stops accepting connections; returns at once. Idempotent. */
	@Override
	public void close() {
		server.dispose();
	}

	/**
	 * Waits, in a coroutine, until the listening socket is closed: Python's {@code await server.wait_closed()}.
	 *
	 * @throws Exception never, in practice; declared because it awaits
	 */
	public void waitClosed() throws Exception {
		Async.await(server.onDispose());
	}

	/**
	 * Serves until the server is closed or the awaiting task cancelled, which closes it: Python's
	 * {@code await server.serve_forever()}.
	 *
	 * @throws Exception never, in practice, but the cancellation
	 */
	public void serveForever() throws Exception {
		try {
			waitClosed();
		}
		finally {
			close();
		}
	}

	@Override
	public String toString() {
		return "StreamServer[" + server.host() + ":" + server.port() + (isServing() ? ", serving" : ", closed") + "]";
	}
}
