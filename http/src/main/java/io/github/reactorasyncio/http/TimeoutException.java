package io.github.reactorasyncio.http;

import java.net.URI;
import java.time.Duration;

/**
 * A timeout of the session fired: Python's {@code asyncio.TimeoutError} as aiohttp raises it.
 * {@link #kind()} says which one, {@link #timeout()} its length.
 *
 * <p>Not to be confused with {@code java.util.concurrent.TimeoutException}, which is checked and which
 * this package never reports.
 */
public final class TimeoutException extends ClientException {

	private static final long serialVersionUID = 1L;

	/** Which of the session's timeouts fired. */
	public enum Kind {
		/** The whole exchange, from the request to the last byte of the body, took too long. */
		TOTAL,
		/** Opening the TCP connection took too long. */
		CONNECT,
		/** No bytes arrived for too long while waiting for the response or its body. */
		READ
	}

	/** Which of the timeouts fired. */
	private final Kind kind;
	/** The length of the timeout that fired. */
	private final Duration timeout;

	/**
	 * Creates the exception for a timeout that fired; its message names the timeout, its length and the setting
	 * that raises it.
	 *
	 * @param kind which timeout fired
	 * @param timeout its length
	 * @param method the request's method
	 * @param url the request's URL
	 */
	public TimeoutException(Kind kind, Duration timeout, String method, URI url) {
		super(message(kind, timeout, method, url), method, url, null);
		this.kind = kind;
		this.timeout = timeout;
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

	/**
	 * Returns which timeout fired.
	 *
	 * @return which timeout fired
	 */
	public Kind kind() {
		return kind;
	}

	/**
	 * Returns the length of the timeout that fired.
	 *
	 * @return the length of the timeout that fired
	 */
	public Duration timeout() {
		return timeout;
	}
}
