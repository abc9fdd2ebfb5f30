package io.github.reactorasyncio.http.internal;

import java.util.Locale;

/**
 * Checks header names and values where the user gives them, so that a CR or LF from user input can never
 * inject a header or a second request (aiohttp refuses them too, with a {@code ValueError}).
 */
public final class Headers {

	private Headers() {
	}

	/**
	 * Checks an HTTP method, which is a token as a header name is.
	 *
	 * @return the method in upper case
	 * @throws IllegalArgumentException if it is empty or has a character a token may not have
	 */
	public static String method(String method) {
		int bad = firstNonToken(method);
		if (method.isEmpty() || bad >= 0) {
			throw new IllegalArgumentException("The HTTP method " + quote(method) + " is not a valid token"
					+ (bad >= 0 ? " (" + describe(method.charAt(bad)) + " at index " + bad + ")" : "")
					+ ". Use a method such as GET, POST or PUT.");
		}
		return method.toUpperCase(Locale.ROOT);
	}

	/**
	 * Checks a header before it is stored anywhere a request would send it from.
	 *
	 * @throws IllegalArgumentException if the name is not a token (RFC 9110: letters, digits and
	 *         {@code !#$%&'*+-.^_`|~}), or the value has a CR, LF, NUL or another control character but tab
	 */
	public static void check(String name, String value) {
		int bad = firstNonToken(name);
		if (name.isEmpty() || bad >= 0) {
			throw new IllegalArgumentException("The header name " + quote(name) + " is not a valid HTTP token"
					+ (bad >= 0 ? " (" + describe(name.charAt(bad)) + " at index " + bad + ")" : " (it is empty)")
					+ ". A header name has only letters, digits and !#$%&'*+-.^_`|~; nothing was sent.");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c < 0x20 && c != '\t') || c == 0x7f) {
				boolean lineBreak = c == '\r' || c == '\n';
				throw new IllegalArgumentException("The value of header '" + name + "' has " + describe(c)
						+ " at index " + i + (lineBreak
								? ": a line break in a header value would let it inject headers or a second request"
								: ", which a header value may not have")
						+ ". Nothing was sent. Remove it or encode the value (e.g. percent-encode user input).");
			}
		}
	}

	private static int firstNonToken(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
			if (!token) {
				return i;
			}
		}
		return -1;
	}

	private static String describe(char c) {
		return switch (c) {
			case '\r' -> "a carriage return (CR, \\r)";
			case '\n' -> "a line feed (LF, \\n)";
			case '\0' -> "a NUL character";
			case ' ' -> "a space";
			default -> c < 0x20 || c == 0x7f ? String.format("the control character U+%04X", (int) c)
					: "the character '" + c + "'";
		};
	}

	private static String quote(String s) {
		return "'" + s.replace("\r", "\\r").replace("\n", "\\n") + "'";
	}
}
