package io.github.reactorasyncio.http.internal;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * What a response's headers say about its body: length, media type, charset. Pure functions of the
 * headers, so that {@code ClientResponse} only exposes them and the body reader can use them too.
 */
public final class ResponseHead {

	private ResponseHead() {
	}

	/** @return the {@code Content-Length}, or -1 if absent or not a number */
	public static long contentLength(HttpHeaders headers) {
		String value = headers.get(HttpHeaderNames.CONTENT_LENGTH);
		if (value == null) {
			return -1;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException e) {
			return -1;
		}
	}

	/** @return the media type without parameters, lower case; empty if none */
	public static String contentType(HttpHeaders headers) {
		String ct = headers.get(HttpHeaderNames.CONTENT_TYPE);
		if (ct == null) {
			return "";
		}
		int semi = ct.indexOf(';');
		return (semi >= 0 ? ct.substring(0, semi) : ct).trim().toLowerCase(Locale.ROOT);
	}

	/** @return the charset the {@code Content-Type} names, or UTF-8 if none or an unknown one */
	public static Charset charset(HttpHeaders headers) {
		String ct = headers.get(HttpHeaderNames.CONTENT_TYPE);
		if (ct != null) {
			for (String param : ct.split(";")) {
				String p = param.trim();
				if (p.regionMatches(true, 0, "charset=", 0, 8)) {
					Charset named = forName(p.substring(8).replace("\"", "").trim());
					return named != null ? named : StandardCharsets.UTF_8;
				}
			}
		}
		return StandardCharsets.UTF_8;
	}

	private static @Nullable Charset forName(String name) {
		try {
			return Charset.forName(name);
		}
		catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
			return null;
		}
	}

	/** @return whether the media type is JSON: {@code application/json} or {@code application/*+json} */
	public static boolean isJson(String contentType) {
		return contentType.equals("application/json") || (contentType.startsWith("application/")
				&& contentType.endsWith("+json"));
	}
}
