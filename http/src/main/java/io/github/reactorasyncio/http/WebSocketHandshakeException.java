package io.github.reactorasyncio.http;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * The server did not accept the WebSocket: it answered the upgrade request with an ordinary response (a 404,
 * a 401, a 200 from a plain HTTP route) or with an invalid handshake. Python's
 * {@code aiohttp.WSServerHandshakeError}. {@link #status()} is the status it answered with.
 */
public final class WebSocketHandshakeException extends ClientException {

	private static final long serialVersionUID = 1L;

	/** The status the server answered the upgrade request with, or -1 if it sent none. */
	private final int status;

	/**
	 * Creates the exception.
	 *
	 * @param message what the server answered and what to check
	 * @param status the status it answered with, or -1 if none
	 * @param url the WebSocket's URL
	 * @param cause the handshake error as Reactor Netty reported it
	 */
	public WebSocketHandshakeException(String message, int status, URI url, @Nullable Throwable cause) {
		super(message, "GET", url, cause);
		this.status = status;
	}

	/** {@return the status the server answered the upgrade request with, or -1 if it sent none} */
	public int status() {
		return status;
	}
}
