package io.github.reactorasyncio.http;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * The TLS handshake with the server failed: the port does not speak TLS (a plain-HTTP port answers a TLS
 * client with plain text, which Netty reports as {@code NotSslRecordException}), the certificate is not
 * trusted, or the protocols do not match. Python's {@code aiohttp.ClientSSLError}. A handshake that takes
 * too long is a {@link ClientTimeoutException} of kind {@code CONNECT} instead. The cause is the TLS error
 * as Netty reported it.
 */
public final class ClientSslException extends ClientConnectionException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a request whose TLS handshake failed.
	 *
	 * @param message what failed and what to check
	 * @param method the request's method
	 * @param url the request's URL
	 * @param cause the TLS error
	 */
	public ClientSslException(String message, String method, URI url, @Nullable Throwable cause) {
		super(message, method, url, cause);
	}
}
