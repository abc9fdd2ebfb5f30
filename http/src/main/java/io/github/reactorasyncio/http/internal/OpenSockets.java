package io.github.reactorasyncio.http.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The WebSockets a session has open, so that closing the session closes them, as aiohttp's
 * {@code session.close()} closes its connector and with it every connection, a WebSocket's included. Thread-safe;
 * one that opens as the session closes is closed too, by whoever sees the close last.
 *
 * @param <S> the socket type
 */
public final class OpenSockets<S> {

	private final Set<S> open = ConcurrentHashMap.newKeySet();
	private final Consumer<S> closer;
	private volatile boolean closed;

	/** @param closer closes one socket; called at most once per socket, on the thread that closes the session */
	public OpenSockets(Consumer<S> closer) {
		this.closer = closer;
	}

	/**
	 * Registers an open socket.
	 *
	 * @return false if the session is closed already: the socket was closed as {@link #closeAll} closes them
	 */
	public boolean add(S socket) {
		open.add(socket);
		if (closed && open.remove(socket)) {
			closer.accept(socket);
			return false;
		}
		return true;
	}

	/** A socket ended on its own: forget it. */
	public void remove(S socket) {
		open.remove(socket);
	}

	/** Closes every socket registered, and any registered later is refused. Idempotent. */
	public void closeAll() {
		closed = true;
		for (S s : open) {
			if (open.remove(s)) {
				closer.accept(s);
			}
		}
	}
}
