package io.github.reactorasyncio.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * HTTP Basic credentials: Python's {@code aiohttp.BasicAuth}. {@link #encode()} is the value of an
 * {@code Authorization} header; send it with a session's default header or a request's:
 *
 * <pre>{@code
 * ClientSession session = ClientSession.builder()
 *         .header("Authorization", BasicAuth.of("alice", "s3cret").encode())
 *         .build();
 * }</pre>
 *
 * <p>{@link #bearer(String)} makes the header value of a bearer token. Immutable; {@link #toString()} hides
 * the password.
 *
 * @param login the user name; no {@code :} (RFC 7617)
 * @param password the password
 * @param charset how the credentials are encoded before Base64 (UTF-8 by default, as aiohttp's {@code latin1}
 *        is only for legacy servers)
 */
public record BasicAuth(String login, String password, Charset charset) {

	/**
	 * Checks the credentials.
	 *
	 * @param login the user name; no {@code :}
	 * @param password the password
	 * @param charset how the credentials are encoded before Base64
	 */
	public BasicAuth {
		Objects.requireNonNull(login, "login");
		Objects.requireNonNull(password, "password");
		Objects.requireNonNull(charset, "charset");
		if (login.indexOf(':') >= 0) {
			throw new IllegalArgumentException("A Basic auth login cannot contain ':' (RFC 7617), so that the server "
					+ "can split it from the password.");
		}
		checkHeaderSafe(login, "login");
		checkHeaderSafe(password, "password");
	}

	/**
	 * Returns credentials encoded as UTF-8.
	 *
	 * @param login the user name; no {@code :}
	 * @param password the password
	 * @return the credentials
	 */
	public static BasicAuth of(String login, String password) {
		return new BasicAuth(login, password, StandardCharsets.UTF_8);
	}

	/**
	 * Parses the value of an {@code Authorization: Basic ...} header: aiohttp's {@code BasicAuth.decode}.
	 *
	 * @param header the header value, e.g. {@code "Basic YWxpY2U6czNjcmV0"}
	 * @return the credentials it carries, decoded as UTF-8
	 * @throws IllegalArgumentException if it is not a Basic authorization with Base64 {@code login:password}
	 */
	public static BasicAuth decode(String header) {
		Objects.requireNonNull(header, "header");
		String[] parts = header.strip().split(" +", 2);
		if (parts.length != 2 || !parts[0].equalsIgnoreCase("Basic")) {
			throw new IllegalArgumentException("Not a Basic authorization header: '" + header + "'");
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("The Basic authorization header's credentials are not Base64", e);
		}
		int colon = decoded.indexOf(':');
		if (colon < 0) {
			throw new IllegalArgumentException("The Basic authorization header's credentials have no ':'");
		}
		return of(decoded.substring(0, colon), decoded.substring(colon + 1));
	}

	/**
	 * Returns the value of the {@code Authorization} header: {@code "Basic " + base64(login:password)}.
	 *
	 * @return the header value
	 */
	public String encode() {
		return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(charset));
	}

	/**
	 * Returns the value of an {@code Authorization} header for a bearer token (RFC 6750).
	 *
	 * @param token the token, as the issuer gave it
	 * @return {@code "Bearer " + token}
	 * @throws IllegalArgumentException if the token is empty or contains a space, CR or LF
	 */
	public static String bearer(String token) {
		Objects.requireNonNull(token, "token");
		if (token.isEmpty() || token.chars().anyMatch(c -> c == ' ' || c == '\r' || c == '\n')) {
			throw new IllegalArgumentException("A bearer token is one non-empty word with no space, CR or LF; check "
					+ "that the whole 'Bearer ...' header was not passed as the token.");
		}
		return "Bearer " + token;
	}

	private static void checkHeaderSafe(String s, String what) {
		if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
			throw new IllegalArgumentException("The Basic auth " + what + " contains a CR or LF.");
		}
	}

	@Override
	public String toString() {
		return "BasicAuth[login=" + login + ", password=***]";
	}
}
