package io.github.reactorasyncio.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What {@link ClientSession#wsConnect(String, WebSocketOptions)} may add to a WebSocket: the parameters of
 * aiohttp's {@code ws_connect} ({@code protocols}, {@code headers}, {@code heartbeat}, {@code max_msg_size},
 * {@code compress}). Immutable; build one with {@link #builder()}.
 */
public final class WebSocketOptions {

	/** The default limit of a received message, as aiohttp's {@code max_msg_size}: 4 MiB. */
	public static final int DEFAULT_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;

	private static final WebSocketOptions DEFAULTS = builder().build();

	final List<Map.Entry<String, String>> headers;
	final List<String> protocols;
	final @Nullable Duration heartbeat;
	final int maxMessageSize;
	final boolean compress;

	private WebSocketOptions(Builder b) {
		this.headers = List.copyOf(b.headers);
		this.protocols = List.copyOf(b.protocols);
		this.heartbeat = b.heartbeat;
		this.maxMessageSize = b.maxMessageSize;
		this.compress = b.compress;
	}

	/**
	 * Returns the defaults: no extra header, no subprotocol, no heartbeat, 4 MiB messages, no compression.
	 *
	 * @return the default options
	 */
	public static WebSocketOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns a builder of options.
	 *
	 * @return a builder of options, starting from the defaults
	 */
	public static Builder builder() {
		return new Builder();
	}

	/** Builds {@link WebSocketOptions}; not thread-safe. */
	public static final class Builder {

		private final List<Map.Entry<String, String>> headers = new ArrayList<>();
		private final List<String> protocols = new ArrayList<>();
		private @Nullable Duration heartbeat;
		private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
		private boolean compress;

		private Builder() {
		}

		/**
		 * Adds a header to the upgrade request (besides the session's default headers).
		 *
		 * @param name the header's name
		 * @param value its value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			headers.add(Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
			return this;
		}

		/**
		 * Adds a subprotocol to offer ({@code Sec-WebSocket-Protocol}); {@link WebSocket#protocol()} says which
		 * one the server chose.
		 *
		 * @param protocol a subprotocol name, e.g. {@code "graphql-transport-ws"}
		 * @return this builder
		 */
		public Builder protocol(String protocol) {
			protocols.add(Objects.requireNonNull(protocol, "protocol"));
			return this;
		}

		/**
		 * Sends a ping every {@code interval} and fails the WebSocket with a {@link WebSocketException} (close
		 * code 1006) if no pong, nor any other frame, arrives within half of it: aiohttp's {@code heartbeat}.
		 *
		 * @param interval the time between pings, positive
		 * @return this builder
		 */
		public Builder heartbeat(Duration interval) {
			Objects.requireNonNull(interval, "interval");
			if (interval.isNegative() || interval.isZero()) {
				throw new IllegalArgumentException("heartbeat must be positive, was " + interval);
			}
			this.heartbeat = interval;
			return this;
		}

		/**
		 * Sets the largest message the WebSocket accepts (fragments joined). A larger one fails the WebSocket
		 * with a {@link WebSocketException} whose close code is 1009.
		 *
		 * @param bytes the limit, at least 125 (default {@value WebSocketOptions#DEFAULT_MAX_MESSAGE_SIZE})
		 * @return this builder
		 */
		public Builder maxMessageSize(int bytes) {
			if (bytes < 125) {
				throw new IllegalArgumentException("maxMessageSize must be at least 125 bytes, was " + bytes);
			}
			this.maxMessageSize = bytes;
			return this;
		}

		/**
		 * Sets whether to offer per-message deflate compression (RFC 7692).
		 *
		 * @param compress whether to offer it (default {@code false}, as the server must agree anyway)
		 * @return this builder
		 */
		public Builder compress(boolean compress) {
			this.compress = compress;
			return this;
		}

		/**
		 * Returns the options.
		 *
		 * @return new options with these settings
		 */
		public WebSocketOptions build() {
			return new WebSocketOptions(this);
		}
	}
}
