package io.github.reactorasyncio.http;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * The base of every error this package reports except timeouts: Python's {@code aiohttp.ClientError}.
 *
 * <p>Every failure of a request, whatever the peer sends, is a {@code ClientException} or, for a timeout, a
 * {@link ClientTimeoutException}, with the underlying error as its cause. Timeouts are the exception because
 * every timeout the library signals is a {@link java.util.concurrent.TimeoutException} (as those of
 * {@code Async.timeout} and Reactor's {@code timeout} operator), so that one {@code catch (TimeoutException e)}
 * catches every timeout, as one {@code except TimeoutError} does in Python; that class is checked, so it
 * cannot extend this unchecked one. Catch both with {@code catch (ClientException | TimeoutException e)}.
 *
 * <p>The subtypes: {@link ClientResponseException} (an error status, only through {@code raiseForStatus}),
 * {@link ClientConnectionException} (refused, reset, closed, DNS; {@link ClientSslException} for TLS;
 * {@link SessionClosedException} for a request in flight when its session closed), {@link TooManyRedirectsException},
 * {@link MalformedResponseException} (the server broke the HTTP protocol), {@link ClientPayloadException}
 * (the body cannot be decoded, e.g. corrupt gzip, or direct memory ran out), {@link BodyTooLargeException},
 * {@link ContentTypeException}, {@link JsonDecodeException}, {@link InvalidUrlException}.
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

	/** {@return the HTTP method of the failed request, or {@code null} if the failure is not tied to one} */
	public @Nullable String method() {
		return method;
	}

	/** {@return the URL of the failed request, or {@code null} if the failure is not tied to one} */
	public @Nullable URI url() {
		return url;
	}
}
