package io.github.reactorasyncio.http;

import java.net.URI;

/**
 * The server answered with an error status (400 or above): Python's {@code aiohttp.ClientResponseError}.
 * Thrown only by {@link ClientResponse#raiseForStatus()} (synchronously), signalled by
 * {@link ClientResponse#raiseForStatusWithBody()} and by every request of a session built with
 * {@code raiseForStatus(true)}; otherwise an error status is an ordinary response.
 */
public final class ClientResponseException extends ClientException {

	private static final long serialVersionUID = 1L;

	/** How much of the body the exception keeps: enough to show a server's error message, bounded. */
	public static final int BODY_EXCERPT_BYTES = 1024;

	/** The HTTP status code of the response. */
	private final int status;
	/** The reason phrase of the response. */
	private final String reason;
	/** The start of the response body, bounded in length. */
	private final String bodyExcerpt;

	/**
	 * Creates the exception for an error status; its message names the method, URL, status, reason and the
	 * start of the body.
	 *
	 * @param method the request's method
	 * @param url the URL that answered
	 * @param status the status code
	 * @param reason the reason phrase
	 * @param bodyExcerpt the start of the body, at most {@link #BODY_EXCERPT_BYTES} bytes of it, decoded
	 */
	public ClientResponseException(String method, URI url, int status, String reason, String bodyExcerpt) {
		super(method + " " + url + " answered " + status + " " + reason
				+ (bodyExcerpt.isEmpty() ? " with an empty body" : ": " + bodyExcerpt), method, url, null);
		this.status = status;
		this.reason = reason;
		this.bodyExcerpt = bodyExcerpt;
	}

	/** {@return the status code, e.g. 404} */
	public int status() {
		return status;
	}

	/** {@return the reason phrase, e.g. {@code "Not Found"}} */
	public String reason() {
		return reason;
	}

	/** {@return the first {@link #BODY_EXCERPT_BYTES} bytes of the body, decoded; empty if there was none} */
	public String bodyExcerpt() {
		return bodyExcerpt;
	}
}
