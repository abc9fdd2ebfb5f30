package io.github.reactorasyncio.http;

import java.net.URI;

import tools.jackson.core.JacksonException;

/**
 * The body is not valid JSON, or does not fit the type asked for: Python's {@code json.JSONDecodeError}
 * as {@code response.json()} raises it. The message and {@link #line()}/{@link #column()} give the parser's
 * position in the body; the cause is Jackson's exception.
 */
public final class JsonDecodeException extends ClientException {

	private static final long serialVersionUID = 1L;

	/** The line of the body where parsing failed. */
	private final int line;
	/** The column of the body where parsing failed. */
	private final int column;

	/**
	 * Creates the exception from Jackson's error, taking the line and column from the error's location.
	 *
	 * @param method the request's method
	 * @param url the URL that answered
	 * @param cause Jackson's error
	 */
	public JsonDecodeException(String method, URI url, JacksonException cause) {
		super("Could not decode the JSON body of " + method + " " + url + " at line " + cause.getLocation().getLineNr()
				+ ", column " + cause.getLocation().getColumnNr() + ": " + cause.getOriginalMessage(), method, url,
				cause);
		this.line = cause.getLocation().getLineNr();
		this.column = cause.getLocation().getColumnNr();
	}

	/** {@return the 1-based line of the body where the parser stopped, or -1 if unknown} */
	public int line() {
		return line;
	}

	/** {@return the 1-based column of the body where the parser stopped, or -1 if unknown} */
	public int column() {
		return column;
	}
}
