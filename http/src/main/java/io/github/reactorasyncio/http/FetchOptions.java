package io.github.reactorasyncio.http;

import java.time.Duration;
import java.util.Objects;

import io.github.reactorasyncio.http.internal.Headers;

/**
 * The second argument of {@link Fetch#fetch(String, FetchOptions)}, like JavaScript's {@code init}:
 * method, headers, body, timeout. Immutable; build one with {@link #builder()}.
 */
public final class FetchOptions {

	final String method;
	final RequestOptions request;

	private FetchOptions(String method, RequestOptions request) {
		this.method = method;
		this.request = request;
	}

	/** {@return a builder for a GET with no headers} */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public String toString() {
		return "FetchOptions[" + method + ", " + request + "]";
	}

	/** Builds {@link FetchOptions}; not thread-safe. */
	public static final class Builder {

		private String method = "GET";
		private final RequestOptions.Builder request = RequestOptions.builder();

		private Builder() {
		}

		/**
		 * Sets the HTTP method, case-insensitive.
		 *
		 * @param method the HTTP method (default {@code "GET"})
		 * @return this builder
		 * @throws IllegalArgumentException if it is not a valid HTTP token
		 */
		public Builder method(String method) {
			this.method = Headers.method(Objects.requireNonNull(method, "method"));
			return this;
		}

		/**
		 * Adds a header to send.
		 *
		 * @param name a header to send
		 * @param value its value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			request.header(name, value);
			return this;
		}

		/**
		 * Sets the body to send.
		 *
		 * @param body the body to send
		 * @return this builder
		 */
		public Builder body(RequestBody body) {
			request.body(body);
			return this;
		}

		/**
		 * Sets a text body to send, as UTF-8 {@code text/plain}.
		 *
		 * @param body a text body, sent as UTF-8 {@code text/plain}
		 * @return this builder
		 */
		public Builder body(String body) {
			request.body(RequestBody.text(body));
			return this;
		}

		/**
		 * Sets the total timeout of this fetch.
		 *
		 * @param timeout the total timeout of this fetch, instead of the default
		 *        {@value ClientSession#DEFAULT_TOTAL_TIMEOUT_SECONDS} s
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			request.timeout(timeout);
			return this;
		}

		/** {@return the options} */
		public FetchOptions build() {
			return new FetchOptions(method, request.build());
		}
	}
}
