package io.github.reactorasyncio.http;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * The connection to the server failed: refused, reset, closed before the response was complete, or the
 * host name did not resolve. Python's {@code aiohttp.ClientConnectionError}. {@link ClientSslException} is the TLS case. The message names the host
 * and what to check; {@link #getCause()} is the network error as Netty reported it.
 */
public class ClientConnectionException extends ClientException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a request whose connection to the server failed.
	 *
	 * @param message what failed and what to check
	 * @param method the request's method
	 * @param url the request's URL
	 * @param cause the network error
	 */
	public ClientConnectionException(String message, String method, URI url, @Nullable Throwable cause) {
		super(message, method, url, cause);
	}
}
