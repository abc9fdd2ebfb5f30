package io.github.reactorasyncio.http;

import java.net.URI;

/**
 * A body read by {@code text()}, {@code read()} or {@code json()} grew past the limit set with
 * {@link ClientSession.Builder#maxBodyBytes(long)} (or per request); the read stopped and the connection
 * was closed. Counted after decompression, so a small compressed body that inflates past the limit fails
 * too. aiohttp has no such limit (its nearest is {@code aiohttp.ClientPayloadError}); read a body that
 * may be this large as a stream with {@code content()} or {@code lines()}.
 */
public final class BodyTooLargeException extends ClientException {

	private static final long serialVersionUID = 1L;

	/** The limit that was exceeded, in bytes. */
	private final long limit;

	/**
	 * Creates the exception for a body that exceeded its limit.
	 *
	 * @param method the request's method
	 * @param url the request's URL
	 * @param limit the limit, in bytes
	 */
	public BodyTooLargeException(String method, URI url, long limit) {
		super("The body of " + method + " " + url + " is larger than the limit of " + limit + " bytes (counted "
				+ "after decompression), so the read stopped and the connection was closed. Raise the limit with "
				+ "ClientSession.builder().maxBodyBytes(...) or RequestOptions.builder().maxBodyBytes(...), or read "
				+ "the body as a stream with content() or lines().", method, url, null);
		this.limit = limit;
	}

	/** {@return the limit that was exceeded, in bytes} */
	public long limit() {
		return limit;
	}
}
