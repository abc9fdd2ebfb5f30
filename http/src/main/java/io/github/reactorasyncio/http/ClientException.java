package io.github.reactorasyncio.http;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * The base of every error this package reports: Python's {@code aiohttp.ClientError}.
 *
 * <p>It is unchecked so that it passes through Reactor operators and lambdas unwrapped; inside a coroutine,
 * {@code Async.await} rethrows the same instance, so {@code catch (ClientException e)} works there too.
 */
public class ClientException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** The request's HTTP method, or {@code null} if the failure is not tied to a request. */
	private final @Nullable String method;
	/** The request's URL, or {@code null} if the failure is not tied to a request. */
	private final @Nullable URI url;

	/**
	 * Creates the exception with its message, the failed request's method and URL if known, and its cause.
	 *
	 * @param message what went wrong and what to do about it
	 * @param method the request's method, if known
	 * @param url the request's URL, if known
	 * @param cause the underlying error, if any
	 */
	public ClientException(String message, @Nullable String method, @Nullable URI url, @Nullable Throwable cause) {
		super(message, cause);
		this.method = method;
		this.url = url;
	}

	/**
	 * Returns the HTTP method of the failed request, or {@code null} if the failure is not tied to one.
	 *
	 * @return the HTTP method of the failed request, or {@code null} if the failure is not tied to one
	 */
	public @Nullable String method() {
		return method;
	}

	/**
	 * Returns the URL of the failed request, or {@code null} if the failure is not tied to one.
	 *
	 * @return the URL of the failed request, or {@code null} if the failure is not tied to one
	 */
	public @Nullable URI url() {
		return url;
	}
}
