package io.github.reactorasyncio.http;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * The body arrived but cannot be decoded: its {@code Content-Encoding} (gzip, deflate) is corrupt. Python's
 * {@code aiohttp.ClientPayloadError}. The cause is the decoder's error (Netty's
 * {@code DecompressionException}); the connection was closed.
 */
public final class ClientPayloadException extends ClientException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a body that cannot be decoded.
	 *
	 * @param message what is wrong with the body
	 * @param method the request's method
	 * @param url the request's URL
	 * @param cause the decoder's error
	 */
	public ClientPayloadException(String message, String method, URI url, @Nullable Throwable cause) {
		super(message, method, url, cause);
	}
}
