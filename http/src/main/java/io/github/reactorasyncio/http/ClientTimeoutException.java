package io.github.reactorasyncio.http;

import java.net.URI;
import java.util.concurrent.TimeoutException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A timeout of the session fired: Python's {@code asyncio.TimeoutError} (the built-in {@code TimeoutError}
 * since 3.11) as aiohttp raises it. {@link #kind()} says which one, {@link #timeout()} its length.
 *
 * <p>It is a {@link TimeoutException}, as is what {@code Async.timeout}, {@code Async.waitFor} and Reactor's
 * {@code timeout} operator signal, so one {@code catch (TimeoutException e)} catches every timeout, as one
 * {@code except TimeoutError} does in Python. Being checked, it is <em>not</em> a {@link ClientException}:
 * catch {@code ClientException | TimeoutException} to catch every failure of a request. Inside a coroutine,
 * {@code Async.await} rethrows it unwrapped; Reactor's {@code block()} wraps checked exceptions (unwrap them
 * with {@code reactor.core.Exceptions.unwrap}).
 */
public final class ClientTimeoutException extends TimeoutException {

	private static final long serialVersionUID = 1L;

	/** Which of the session's timeouts fired. */
	public enum Kind {
		/** The whole exchange, from the request to the last byte of the body, took too long. */
		TOTAL,
		/** Opening the connection (TCP, and the TLS handshake for https) took too long. */
		CONNECT,
		/** No bytes arrived for too long while waiting for the response or its body. */
		READ
	}

	/** Which of the timeouts fired. */
	private final Kind kind;
	/** The length of the timeout that fired. */
	private final Duration timeout;
	/** The request's HTTP method. */
	private final String method;
	/** The request's URL. */
	private final URI url;

	/**
	 * Creates the exception for a timeout that fired; its message names the timeout, its length and the setting
	 * that raises it.
	 *
	 * @param kind which timeout fired
	 * @param timeout its length
	 * @param method the request's method
	 * @param url the request's URL
	 */
	public ClientTimeoutException(Kind kind, Duration timeout, String method, URI url) {
		this(kind, timeout, method, url, null);
	}

	/**
	 * As {@link #ClientTimeoutException(Kind, Duration, String, URI)}, keeping the error that signalled it.
	 *
	 * @param kind which timeout fired
	 * @param timeout its length
	 * @param method the request's method
	 * @param url the request's URL
	 * @param cause what Netty or Reactor signalled, if anything
	 */
	public ClientTimeoutException(Kind kind, Duration timeout, String method, URI url, @Nullable Throwable cause) {
		super(message(kind, timeout, method, url));
		this.kind = kind;
		this.timeout = timeout;
		this.method = method;
		this.url = url;
		if (cause != null) {
			initCause(cause);
		}
	}

	private static String message(Kind kind, Duration timeout, String method, URI url) {
		String ms = timeout.toMillis() + " ms";
		return switch (kind) {
			case TOTAL -> method + " " + url + " did not finish (response and body) within the total timeout of " + ms
					+ ". Raise it with ClientSession.builder().totalTimeout(...) or RequestOptions.timeout(...) "
					+ "if the server is legitimately slow.";
			case CONNECT -> "Could not connect to " + url.getHost() + ":" + port(url) + " for " + method + " " + url
					+ " within the connect timeout of " + ms + ". Check that the host is reachable, or raise it "
					+ "with ClientSession.builder().connectTimeout(...).";
			case READ -> method + " " + url + " received no data for " + ms + " (the per-read timeout) while "
					+ "waiting for the response or its body. The server stalled; raise it with "
					+ "ClientSession.builder().readTimeout(...) if it is legitimately slow, and read bodies promptly.";
		};
	}

	static int port(URI url) {
		if (url.getPort() != -1) {
			return url.getPort();
		}
		return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
	}

	/** {@return which timeout fired} */
	public Kind kind() {
		return kind;
	}

	/** {@return the length of the timeout that fired} */
	public Duration timeout() {
		return timeout;
	}

	/** {@return the HTTP method of the request that timed out} */
	public String method() {
		return method;
	}

	/** {@return the URL of the request that timed out} */
	public URI url() {
		return url;
	}
}
