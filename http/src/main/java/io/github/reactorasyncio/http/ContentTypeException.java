package io.github.reactorasyncio.http;

import java.net.URI;

/**
 * JSON was asked of a body whose {@code Content-Type} is not JSON ({@code application/json} or
 * {@code application/*+json}): Python's {@code aiohttp.ContentTypeError}. Often the server sent an HTML
 * error page; {@link #bodyExcerpt()} shows its start. A session built with {@code lenientJson(true)} parses
 * any body as JSON instead.
 */
public final class ContentTypeException extends ClientException {

	private static final long serialVersionUID = 1L;

	/** The {@code Content-Type} the response declared. */
	private final String contentType;
	/** The start of the response body, bounded in length. */
	private final String bodyExcerpt;

	/**
	 * Creates the exception for a body that is not JSON; its message names the content type, the start of the
	 * body and how to read it instead.
	 *
	 * @param method the request's method
	 * @param url the URL that answered
	 * @param contentType the body's content type, empty if the response had none
	 * @param bodyExcerpt the start of the body, decoded
	 */
	public ContentTypeException(String method, URI url, String contentType, String bodyExcerpt) {
		super("Expected a JSON body from " + method + " " + url + " but its Content-Type is "
				+ (contentType.isEmpty() ? "missing" : "'" + contentType + "'")
				+ (bodyExcerpt.isEmpty() ? "" : "; the body starts with: " + bodyExcerpt)
				+ ". Read it with text(), or build the session with lenientJson(true) to parse it anyway.",
				method, url, null);
		this.contentType = contentType;
		this.bodyExcerpt = bodyExcerpt;
	}

	/** {@return the body's media type without parameters, empty if the response had none} */
	public String contentType() {
		return contentType;
	}

	/** {@return the start of the body, decoded} */
	public String bodyExcerpt() {
		return bodyExcerpt;
	}
}
