package io.github.reactorasyncio.http;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * The server broke the HTTP/1.1 protocol: a malformed status line, a bad or duplicate
 * {@code Content-Length}, an invalid chunk size, a header line or header block over the parser's limit
 * (8 KiB), or a redirect whose {@code Location} cannot be followed. Python's
 * {@code aiohttp.http_exceptions.BadHttpMessage} (which aiohttp reports as a {@code ClientResponseError}
 * with status 400). The message says what the server sent; the cause is the parser's error. The connection
 * was closed, since its state is unknown. Retrying will most likely fail the same way: the server (or a
 * proxy in between) is broken.
 */
public final class MalformedResponseException extends ClientException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a response that is not valid HTTP.
	 *
	 * @param message what the server sent that is not valid
	 * @param method the request's method
	 * @param url the request's URL
	 * @param cause the parser's error
	 */
	public MalformedResponseException(String message, String method, URI url, @Nullable Throwable cause) {
		super(message, method, url, cause);
	}
}
