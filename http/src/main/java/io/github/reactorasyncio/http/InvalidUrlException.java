package io.github.reactorasyncio.http;

import org.jspecify.annotations.Nullable;

/**
 * A URL could not be used: it does not parse, is relative with no base URL, is not http or https, or has
 * no host. Python's {@code aiohttp.InvalidURL}. Signalled by the request's Mono; nothing was sent.
 */
public final class InvalidUrlException extends ClientException {

	private static final long serialVersionUID = 1L;

	/** The URL as it was given. */
	private final String input;

	/**
	 * Creates the exception for an unusable URL; its message quotes the URL and says what is wrong with it.
	 *
	 * @param input the URL as given
	 * @param problem what is wrong with it and what to do
	 * @param cause the parser's error, if any
	 */
	public InvalidUrlException(String input, String problem, @Nullable Throwable cause) {
		super("Invalid URL '" + input + "': " + problem, null, null, cause);
		this.input = input;
	}

	/** {@return the URL as given} */
	public String input() {
		return input;
	}
}
