package io.github.reactorasyncio.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One message received on a {@link WebSocket}: Python's {@code aiohttp.WSMessage}. A {@link Type#TEXT} or
 * {@link Type#BINARY} message carries the whole message (fragments are joined); {@link Type#CLOSE} says the
 * server closed the WebSocket, with its close code and reason; {@link Type#CLOSED} is what
 * {@link WebSocket#receive()} returns once the WebSocket is closed. Immutable.
 */
public final class WebSocketMessage {

	/** What a message is: aiohttp's {@code WSMsgType}, without the ping and pong the WebSocket answers itself. */
	public enum Type {
		/** A text message; {@link #text()} is its content. */
		TEXT,
		/** A binary message; {@link #bytes()} is its content. */
		BINARY,
		/** The server sent a close frame; {@link #closeCode()} and {@link #text()} (its reason) say why. */
		CLOSE,
		/** The WebSocket is closed; nothing more comes. */
		CLOSED
	}

	static final WebSocketMessage CLOSED = new WebSocketMessage(Type.CLOSED, null, null, -1);

	private final Type type;
	private final @Nullable String text;
	private final byte @Nullable [] bytes;
	private final int closeCode;

	private WebSocketMessage(Type type, @Nullable String text, byte @Nullable [] bytes, int closeCode) {
		this.type = type;
		this.text = text;
		this.bytes = bytes;
		this.closeCode = closeCode;
	}

	/**
	 * Returns a text message, as a test server or a fake would send it.
	 *
	 * @param text its content
	 * @return a message of type {@link Type#TEXT}
	 */
	public static WebSocketMessage text(String text) {
		return new WebSocketMessage(Type.TEXT, Objects.requireNonNull(text, "text"), null, -1);
	}

	/**
	 * Returns a binary message; the array is not copied, so do not change it afterwards.
	 *
	 * @param bytes its content
	 * @return a message of type {@link Type#BINARY}
	 */
	public static WebSocketMessage binary(byte[] bytes) {
		return new WebSocketMessage(Type.BINARY, null, Objects.requireNonNull(bytes, "bytes"), -1);
	}

	/**
	 * Returns the message that reports the server's close frame.
	 *
	 * @param code the close code (RFC 6455 section 7.4), or -1 if the frame had none
	 * @param reason the reason the server gave, empty if none
	 * @return a message of type {@link Type#CLOSE}
	 */
	public static WebSocketMessage close(int code, String reason) {
		return new WebSocketMessage(Type.CLOSE, Objects.requireNonNull(reason, "reason"), null, code);
	}

	/** {@return what this message is} */
	public Type type() {
		return type;
	}

	/**
	 * Returns the content of a text message, the reason of a close message, or, for a binary message, its
	 * bytes decoded as UTF-8.
	 *
	 * @return the text of this message
	 * @throws IllegalStateException for a {@link Type#CLOSED} message, which has no content
	 */
	public String text() {
		if (text != null) {
			return text;
		}
		if (bytes != null) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		throw new IllegalStateException("A CLOSED message has no content: the WebSocket is closed. Check "
				+ "type() before reading a message, or iterate messages(), which ends at the close.");
	}

	/**
	 * Returns the content of a binary message (the array itself; do not change it), or a text message's
	 * text encoded as UTF-8.
	 *
	 * @return the bytes of this message
	 * @throws IllegalStateException for a {@link Type#CLOSE} or {@link Type#CLOSED} message
	 */
	public byte[] bytes() {
		if (bytes != null) {
			return bytes;
		}
		if (type == Type.TEXT && text != null) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		throw new IllegalStateException("A " + type + " message has no content. Check type() before reading a "
				+ "message, or iterate messages(), which ends at the close.");
	}

	/**
	 * Returns the close code of a {@link Type#CLOSE} message (1000 for a normal close), else -1.
	 *
	 * @return the close code of a {@link Type#CLOSE} message, else -1
	 */
	public int closeCode() {
		return closeCode;
	}

	@Override
	public boolean equals(@Nullable Object o) {
		return o instanceof WebSocketMessage m && type == m.type && closeCode == m.closeCode
				&& Objects.equals(text, m.text) && Arrays.equals(bytes, m.bytes);
	}

	@Override
	public int hashCode() {
		return Objects.hash(type, text, closeCode) * 31 + Arrays.hashCode(bytes);
	}

	@Override
	public String toString() {
		return switch (type) {
			case TEXT -> "WebSocketMessage[TEXT, " + excerpt(Objects.requireNonNull(text)) + "]";
			case BINARY -> "WebSocketMessage[BINARY, " + Objects.requireNonNull(bytes).length + " bytes]";
			case CLOSE -> "WebSocketMessage[CLOSE, " + closeCode + (text == null || text.isEmpty() ? "" : " " + text) + "]";
			case CLOSED -> "WebSocketMessage[CLOSED]";
		};
	}

	private static String excerpt(String s) {
		return s.length() <= 60 ? '"' + s + '"' : '"' + s.substring(0, 60) + "…\" (" + s.length() + " chars)";
	}
}
