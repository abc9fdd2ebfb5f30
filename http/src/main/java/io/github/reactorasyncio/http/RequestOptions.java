package io.github.reactorasyncio.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.reactorasyncio.http.internal.Durations;
import io.github.reactorasyncio.http.internal.Headers;
import org.jspecify.annotations.Nullable;

/**
 * What one request adds to the session's defaults: headers, query parameters, a body, its own total
 * timeout, {@code raiseForStatus} and redirect policy. Immutable; build one with {@link #builder()}.
 *
 * <pre>{@code
 * session.post("/users", RequestOptions.builder().json(newUser).header("X-Trace", id).build())
 * }</pre>
 */
public final class RequestOptions {

	private static final RequestOptions NONE = builder().build();

	final List<Map.Entry<String, String>> headers;
	final List<Map.Entry<String, String>> query;
	final @Nullable RequestBody body;
	final @Nullable Duration timeout;
	final @Nullable Boolean raiseForStatus;
	final long maxBodyBytes;
	final @Nullable Boolean followRedirects;
	final @Nullable Integer maxRedirects;

	private RequestOptions(Builder b) {
		this.headers = List.copyOf(b.headers);
		this.query = List.copyOf(b.query);
		this.body = b.body;
		this.timeout = b.timeout;
		this.raiseForStatus = b.raiseForStatus;
		this.maxBodyBytes = b.maxBodyBytes;
		this.followRedirects = b.followRedirects;
		this.maxRedirects = b.maxRedirects;
	}

	/** {@return options that add nothing} */
	public static RequestOptions none() {
		return NONE;
	}

	/** {@return a builder of options that add nothing yet} */
	public static Builder builder() {
		return new Builder();
	}

	/** {@return the body, or {@code null} for none} */
	public @Nullable RequestBody body() {
		return body;
	}

	@Override
	public String toString() {
		return "RequestOptions[headers=" + headers.size() + ", query=" + query + ", body=" + body + ", timeout="
				+ timeout + ", raiseForStatus=" + raiseForStatus + ", followRedirects=" + followRedirects
				+ ", maxRedirects=" + maxRedirects + "]";
	}

	static int checkMaxRedirects(int max) {
		if (max < 1) {
			throw new IllegalArgumentException("maxRedirects must be at least 1, was " + max
					+ "; to follow no redirect, use followRedirects(false)");
		}
		return max;
	}

	/** Builds {@link RequestOptions}; not thread-safe. */
	public static final class Builder {

		private final List<Map.Entry<String, String>> headers = new ArrayList<>();
		private final List<Map.Entry<String, String>> query = new ArrayList<>();
		private @Nullable RequestBody body;
		private @Nullable Duration timeout;
		private @Nullable Boolean raiseForStatus;
		private long maxBodyBytes = -1;
		private @Nullable Boolean followRedirects;
		private @Nullable Integer maxRedirects;

		private Builder() {
		}

		/**
		 * Adds a header; it replaces a session default header of the same name.
		 *
		 * @param name the header name
		 * @param value its value
		 * @return this builder
		 * @throws IllegalArgumentException if the name is not an HTTP token or the value has a CR, LF or
		 *         another control character but tab (it could inject headers); nothing is sent
		 */
		public Builder header(String name, String value) {
			Headers.check(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
			headers.add(Map.entry(name, value));
			return this;
		}

		/**
		 * Adds a query parameter, percent-encoded, after those of the URL and the session.
		 *
		 * @param name the parameter name
		 * @param value its value
		 * @return this builder
		 */
		public Builder query(String name, String value) {
			query.add(Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
			return this;
		}

		/**
		 * Sets the request body.
		 *
		 * @param body the request body
		 * @return this builder
		 */
		public Builder body(RequestBody body) {
			this.body = Objects.requireNonNull(body, "body");
			return this;
		}

		/**
		 * Sets a JSON body of the given value.
		 *
		 * @param value an object to send as JSON, as {@link RequestBody#json(Object)}
		 * @return this builder
		 */
		public Builder json(Object value) {
			return body(RequestBody.json(value));
		}

		/**
		 * Sets a UTF-8 {@code text/plain} body.
		 *
		 * @param text a text to send, as {@link RequestBody#text(String)}
		 * @return this builder
		 */
		public Builder text(String text) {
			return body(RequestBody.text(text));
		}

		/**
		 * Sets the total timeout of this request, which must be positive.
		 *
		 * @param timeout the total timeout of this request (response and body), instead of the session's;
		 *        longer than about 292 years (e.g. {@code ChronoUnit.FOREVER.getDuration()}) means never
		 * @return this builder
		 * @throws IllegalArgumentException if it is zero or negative
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = Durations.timeout(Objects.requireNonNull(timeout, "timeout"), "timeout");
			return this;
		}

		/**
		 * Sets whether this request follows redirects, overriding the session's setting (aiohttp's
		 * {@code allow_redirects}).
		 *
		 * @param follow whether 301, 302, 303, 307 and 308 are followed; if not, the redirect is the response
		 * @return this builder
		 */
		public Builder followRedirects(boolean follow) {
			this.followRedirects = follow;
			return this;
		}

		/**
		 * Sets how many redirects this request follows before it fails with {@link TooManyRedirectsException},
		 * overriding the session's limit (aiohttp's {@code max_redirects}).
		 *
		 * @param max the most redirects this request follows
		 * @return this builder
		 * @throws IllegalArgumentException if it is less than 1 (to follow none, use {@code followRedirects(false)})
		 */
		public Builder maxRedirects(int max) {
			this.maxRedirects = checkMaxRedirects(max);
			return this;
		}

		/**
		 * Sets whether an error status fails this request, overriding the session's setting.
		 *
		 * @param raise whether an error status fails this request with {@link ClientResponseException},
		 *        instead of the session's setting
		 * @return this builder
		 */
		public Builder raiseForStatus(boolean raise) {
			this.raiseForStatus = raise;
			return this;
		}

		/**
		 * Sets the largest body that {@code text()}, {@code read()} and {@code json()} buffer for this request,
		 * instead of the session's {@link ClientSession.Builder#maxBodyBytes(long) maxBodyBytes}.
		 *
		 * @param max the most bytes of a buffered body, counted after decompression; at least 1
		 * @return this builder
		 * @throws IllegalArgumentException if {@code max} is below 1
		 */
		public Builder maxBodyBytes(long max) {
			this.maxBodyBytes = ClientSession.Builder.checkMaxBodyBytes(max);
			return this;
		}

		/** {@return the options} */
		public RequestOptions build() {
			return new RequestOptions(this);
		}
	}
}
