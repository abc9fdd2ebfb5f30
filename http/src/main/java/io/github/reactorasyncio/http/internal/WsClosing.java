package io.github.reactorasyncio.http.internal;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.github.reactorasyncio.http.ClientConnectionException;
import io.github.reactorasyncio.http.ClientException;
import io.github.reactorasyncio.http.WebSocket;
import io.github.reactorasyncio.http.WebSocketException;
import io.github.reactorasyncio.http.WebSocketHandshakeException;
import io.github.reactorasyncio.http.WebSocketMessage;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * How a client {@code WebSocket} ends: its state ({@code OPEN}, {@code CLOSING} once this side sent its close,
 * {@code CLOSED} once the socket is gone), the close code and reason it ended with, the failure if it failed, and
 * the close handshake's completion that {@code closeAsync} waits for. When the socket ends, {@link #end} works out
 * from what happened (the server's close frame, an error, a heartbeat that went unanswered, or nothing at all)
 * the code and what the receivers get next, which the WebSocket hands to its {@link WsReadAhead}. Also turns
 * the failures Netty signals into this library's exceptions, with the RFC 6455 close codes.
 */
public final class WsClosing {

	/** Normal closure (RFC 6455 section 7.4.1). */
	public static final int NORMAL = 1000;
	/** Abnormal closure: the connection dropped without a close frame; never sent. */
	public static final int ABNORMAL = 1006;
	/** Message too big. */
	public static final int TOO_BIG = 1009;

	/**
	 * What the receivers get once the socket ended: a failure (once), else the server's close, else nothing
	 * more than {@code CLOSED}.
	 *
	 * @param failure how the connection failed, or {@code null}
	 * @param close the server's close as a message, or {@code null}
	 */
	public record Ending(@Nullable Throwable failure, @Nullable WebSocketMessage close) {
	}

	private final URI url;
	private final int maxMessageSize;
	private final AtomicReference<WebSocket.State> state = new AtomicReference<>(WebSocket.State.OPEN);
	private final Sinks.Empty<Void> done = Sinks.empty();
	private volatile @Nullable Throwable exception;
	private volatile int closeCode = -1;
	private volatile String closeReason = "";
	private volatile @Nullable WebSocketCloseStatus closeFrame;
	/** Set on the channel's thread before it closes the channel for a reason of its own. */
	private volatile @Nullable Throwable abortReason;

	/**
	 * @param url the WebSocket's URL, for messages
	 * @param maxMessageSize the limit of a message, for the message of a too-big one
	 */
	public WsClosing(URI url, int maxMessageSize) {
		this.url = url;
		this.maxMessageSize = maxMessageSize;
	}

	/** {@return where the WebSocket stands} */
	public WebSocket.State state() {
		return state.get();
	}

	/** {@return the close code, or -1 while open} */
	public int closeCode() {
		return closeCode;
	}

	/** {@return the close reason, empty if none} */
	public String closeReason() {
		return closeReason;
	}

	/** {@return the failure that ended the WebSocket, or {@code null}} */
	public @Nullable Throwable exception() {
		return exception;
	}

	/** {@return a Mono that completes once the socket is gone} */
	public Mono<Void> done() {
		return done.asMono();
	}

	/** The server's close frame arrived (before the frames end). */
	public void closeFrameReceived(WebSocketCloseStatus status) {
		closeFrame = status;
	}

	/** This side is about to drop the connection for {@code reason}: the end reports it. */
	public void abort(Throwable reason) {
		abortReason = reason;
	}

	/**
	 * This side starts the close handshake, if the WebSocket is open.
	 *
	 * @return whether it was open: the caller sends the close frame
	 */
	public boolean startClose(int code, String reason) {
		if (state.compareAndSet(WebSocket.State.OPEN, WebSocket.State.CLOSING)) {
			closeCode = code;
			closeReason = reason;
			return true;
		}
		return false;
	}

	/**
	 * The socket has no more frames: the WebSocket is CLOSED, with a code; completes {@link #done()}. Once, on
	 * the channel's event loop.
	 *
	 * @param error what ended the frames, if they failed
	 * @return what the receivers get after the queued messages
	 */
	public Ending end(@Nullable Throwable error) {
		WebSocket.State before = state.getAndSet(WebSocket.State.CLOSED);
		Throwable failure = null;
		WebSocketMessage close = null;
		WebSocketCloseStatus frame = closeFrame;
		Throwable aborted = abortReason;
		if (error != null) {
			failure = failure(error);
		}
		else if (aborted != null) {
			failure = aborted;
			closeCode = ABNORMAL;
		}
		else if (before == WebSocket.State.OPEN && frame == null) {
			failure = new ClientConnectionException("The connection of the WebSocket to " + url + " was dropped "
					+ "without a close frame (abnormal closure, 1006): the server crashed, was stopped, or a proxy cut "
					+ "the connection. Reconnect if the exchange can be resumed.", "GET", url, null);
			closeCode = ABNORMAL;
		}
		else if (before == WebSocket.State.OPEN) {
			closeCode = frame.code();
			closeReason = frame.reasonText() == null ? "" : frame.reasonText();
			close = WebSocketMessage.close(closeCode, closeReason);
		}
		if (failure != null) {
			exception = failure;
		}
		done.tryEmitEmpty();
		return new Ending(failure, close);
	}

	private Throwable failure(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof TooLongFrameException || (t instanceof CorruptedWebSocketFrameException c
					&& c.closeStatus().code() == TOO_BIG)) {
				closeCode = TOO_BIG;
				return new WebSocketException("The server at " + url + " sent a message larger than the limit of "
						+ maxMessageSize + " bytes; the connection was closed with 1009 (message too big). Raise it "
						+ "with WebSocketOptions.builder().maxMessageSize(...) if such messages are expected.",
						TOO_BIG, url, e);
			}
			if (t instanceof CorruptedWebSocketFrameException c) {
				closeCode = c.closeStatus().code();
				return new WebSocketException("The server at " + url + " broke the WebSocket protocol ("
						+ c.getMessage() + "); the connection was closed with " + closeCode + ".", closeCode, url, e);
			}
			if (t.getCause() == t) {
				break;
			}
		}
		closeCode = ABNORMAL;
		Throwable mapped = Errors.map(e, "GET", url, Duration.ZERO, Duration.ZERO, Duration.ZERO);
		if (mapped instanceof ClientException) {
			return mapped;
		}
		return new ClientConnectionException("The WebSocket to " + url + " failed: " + e + ". The connection was "
				+ "closed (1006).", "GET", url, e);
	}

	/**
	 * Types a failed opening handshake: a {@link WebSocketHandshakeException} if the server answered with
	 * something else than the upgrade, else as any request's failure ({@link Errors#map}).
	 */
	public static Throwable handshakeError(Throwable e, URI url, Duration connectTimeout, Duration readTimeout) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof WebSocketClientHandshakeException h) {
				int status = h.response() != null ? h.response().status().code() : -1;
				String reason = h.response() != null ? " " + h.response().status().reasonPhrase() : "";
				return new WebSocketHandshakeException("The server at " + url + " did not accept the WebSocket: "
						+ (status == -1 ? h.getMessage() : "it answered " + status + reason) + ". Check the URL's "
						+ "path, and that the route serves WebSockets rather than plain HTTP.", status, url, e);
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return Errors.map(e, "GET", url, connectTimeout, readTimeout, readTimeout);
	}
}
