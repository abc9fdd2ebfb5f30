package io.github.reactorasyncio.http;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * A WebSocket failed after its handshake: the peer broke the protocol, sent a message larger than the limit,
 * or stopped answering the heartbeat. Python's {@code aiohttp.WebSocketError} (and, for the heartbeat,
 * {@code aiohttp.ServerTimeoutError}). {@link #closeCode()} is the close code the WebSocket ended with
 * (RFC 6455 section 7.4: 1002 protocol error, 1006 abnormal closure, 1009 message too big).
 */
public final class WebSocketException extends ClientException {

	private static final long serialVersionUID = 1L;

	/** The close code the WebSocket ended with. */
	private final int closeCode;

	/**
	 * Creates the exception.
	 *
	 * @param message what went wrong and what to do about it
	 * @param closeCode the close code the WebSocket ended with
	 * @param url the WebSocket's URL
	 * @param cause the underlying error, if any
	 */
	public WebSocketException(String message, int closeCode, URI url, @Nullable Throwable cause) {
		super(message, "GET", url, cause);
		this.closeCode = closeCode;
	}

	/**
	 * Returns the close code the WebSocket ended with.
	 *
	 * @return the close code the WebSocket ended with (RFC 6455 section 7.4)
	 */
	public int closeCode() {
		return closeCode;
	}
}
