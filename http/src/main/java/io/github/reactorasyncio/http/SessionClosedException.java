package io.github.reactorasyncio.http;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * The request was still in flight (waiting for a connection, for its response, or with its body unread or
 * being read) when its {@link ClientSession} was {@linkplain ClientSession#close() closed}: it fails at once
 * and its connection is closed. Python's {@code aiohttp.ClientConnectionError} as a closed session raises it.
 *
 * <p>It is a {@link ClientConnectionException}, since the request lost its connection; a retry on the same
 * session fails with {@link IllegalStateException}, as a request made after the close does.
 */
public final class SessionClosedException extends ClientConnectionException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a request that its session's close aborted.
	 *
	 * @param method the request's method
	 * @param url the request's URL
	 */
	public SessionClosedException(String method, URI url) {
		this(method, url, null);
	}

	/**
	 * As {@link #SessionClosedException(String, URI)}, keeping the error the close caused (e.g. the pool's).
	 *
	 * @param method the request's method
	 * @param url the request's URL
	 * @param cause what the close made the request fail with, if anything
	 */
	public SessionClosedException(String method, URI url, @Nullable Throwable cause) {
		super(method + " " + url + " was aborted because its ClientSession was closed while the request was in "
				+ "flight; its connection was closed. Close a session only after its requests and their bodies are "
				+ "done (e.g. await them inside the session's try-with-resources block).", method, url, cause);
	}
}
