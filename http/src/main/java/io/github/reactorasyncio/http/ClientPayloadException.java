package io.github.reactorasyncio.http;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * A body could not be carried: the response's {@code Content-Encoding} (gzip, deflate) is corrupt, or the
 * direct memory that Netty buffers bodies in ran out while a request was sent or its response read. Python's
 * {@code aiohttp.ClientPayloadError}. The cause is the decoder's error (Netty's {@code DecompressionException})
 * or the {@code OutOfMemoryError} (Netty's {@code OutOfDirectMemoryError}, or the JDK's "Direct buffer
 * memory"), the same instance; the connection was closed.
 */
public final class ClientPayloadException extends ClientException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a body that cannot be decoded or buffered.
	 *
	 * @param message what is wrong with the body, and what to do
	 * @param method the request's method
	 * @param url the request's URL
	 * @param cause the decoder's or the allocator's error
	 */
	public ClientPayloadException(String message, String method, URI url, @Nullable Throwable cause) {
		super(message, method, url, cause);
	}
}
