package io.github.reactorasyncio.http.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.reactorasyncio.http.InvalidUrlException;
import org.jspecify.annotations.Nullable;

/** Turns the URL a user passed into the absolute URI a request goes to. */
public final class Urls {

	private Urls() {
	}

	/**
	 * Parses a base URL given to a session builder.
	 *
	 * @throws InvalidUrlException if it is not an absolute http(s) URL with a host
	 */
	public static URI parseBase(String base) {
		URI uri = parse(base);
		if (!uri.isAbsolute()) {
			throw new InvalidUrlException(base, "a base URL must be absolute, such as 'http://127.0.0.1:8080/api/'.",
					null);
		}
		return check(base, uri);
	}

	/**
	 * Resolves {@code url} against the base as a browser resolves a link (RFC 3986) and appends the query
	 * parameters, percent-encoded, after the URL's own.
	 *
	 * @throws InvalidUrlException if the result is not an absolute http(s) URL with a host
	 */
	@SafeVarargs
	public static URI resolve(@Nullable URI base, String url, List<Map.Entry<String, String>>... queries) {
		URI uri = parse(url);
		if (!uri.isAbsolute()) {
			if (base == null) {
				throw new InvalidUrlException(url, "it is relative and the session has no base URL. Pass an absolute "
						+ "http(s) URL, or build the session with ClientSession.builder().baseUrl(...).", null);
			}
			uri = base.resolve(uri);
		}
		check(url, uri);
		StringBuilder extra = null;
		for (List<Map.Entry<String, String>> query : queries) {
			for (Map.Entry<String, String> e : query) {
				if (extra == null) {
					extra = new StringBuilder();
				}
				else {
					extra.append('&');
				}
				extra.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
			}
		}
		if (extra == null) {
			return uri;
		}
		String s = uri.toString();
		int hash = s.indexOf('#');
		if (hash >= 0) {
			s = s.substring(0, hash);
		}
		return URI.create(s + (uri.getRawQuery() == null ? "?" : "&") + extra);
	}

	private static String encode(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static URI parse(String url) {
		try {
			return new URI(url);
		}
		catch (URISyntaxException e) {
			throw new InvalidUrlException(url, "it does not parse (" + e.getReason() + " at index " + e.getIndex()
					+ "). Percent-encode spaces and special characters, or pass query values through "
					+ "RequestOptions.builder().query(name, value).", e);
		}
	}

	private static URI check(String input, URI uri) {
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new InvalidUrlException(input, "only http and https URLs are supported, not '" + scheme + "'.", null);
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			String authority = uri.getRawAuthority();
			if (authority != null && authority.contains("_")) {
				// java.net.URI parses such an authority as a "registry" name with no host, which would read as
				// a missing host; say what it is instead
				throw new InvalidUrlException(input, "its host '" + authority + "' contains '_', which is not allowed "
						+ "in a host name (RFC 952/1123; java.net.URI and the JDK's resolver reject it). Use the "
						+ "host's DNS name without underscores, or its IP address.", null);
			}
			throw new InvalidUrlException(input, "it has no host. Write it as 'http://host[:port]/path'.", null);
		}
		if (uri.getPort() > 65535) {
			throw new InvalidUrlException(input, "its port " + uri.getPort() + " is out of range: a port is a number "
					+ "from 1 to 65535.", null);
		}
		return uri;
	}
}
