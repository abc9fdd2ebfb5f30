package io.github.reactorasyncio.http;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import com.google.errorprone.annotations.CheckReturnValue;
import io.github.reactorasyncio.http.internal.OpenSockets;
import io.github.reactorasyncio.http.internal.WsClosing;
import io.github.reactorasyncio.http.internal.WsConnect;
import io.github.reactorasyncio.http.internal.WsHeartbeat;
import io.github.reactorasyncio.http.internal.WsReadAhead;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client WebSocket: Python's {@code aiohttp.ClientWebSocketResponse}, on Reactor Netty. Get one from
 * {@link ClientSession#wsConnect(String)} and close it with try-with-resources:
 *
 * <pre>{@code
 * try (WebSocket ws = Async.await(session.wsConnect("ws://127.0.0.1:8080/echo"))) {
 *     Async.await(ws.sendText("hello"));
 *     WebSocketMessage reply = Async.await(ws.receive());
 * }
 * }</pre>
 *
 * <p><b>Receiving.</b> {@link #receive()} waits for the next message, as aiohttp's {@code receive()}; messages
 * arrive whole (fragments joined, up to {@link WebSocketOptions.Builder#maxMessageSize}). {@link #messages()}
 * is the same stream as a Flux that ends at the close (aiohttp's {@code async for msg in ws}); iterate it from
 * a coroutine with {@code Async.iterate(ws.messages())}. The WebSocket reads ahead at most 32 messages that
 * nobody has received yet, then stops reading from the socket, so a slow reader slows the server down instead
 * of filling memory. Pings are answered and pongs consumed by the WebSocket itself (aiohttp's
 * {@code autoping}).
 *
 * <p><b>Closing.</b> When the server closes, {@link #receive()} returns a {@link WebSocketMessage.Type#CLOSE}
 * message with its code and reason, the close is answered, and later calls return
 * {@link WebSocketMessage.Type#CLOSED}. If the connection drops without a close frame, or the peer breaks the
 * protocol, the next receive fails once (a {@link ClientConnectionException} or {@link WebSocketException}),
 * and {@link #closeCode()} is 1006 (or the protocol error's code). {@link #close()} sends a normal close
 * (1000) and never blocks; {@link #closeAsync(int, String)} lets you choose the code and wait. Closing the
 * {@link ClientSession} closes its WebSockets with 1001 (going away).
 *
 * <p><b>Threads and cancellation.</b> Every Mono here is cold and signals on a Reactor Netty event loop thread
 * (a coroutine awaiting it resumes on its own loop). Cancelling a {@link #receive()} leaves the WebSocket open
 * and the unreceived messages queued, also one handed to the receive at the very instant of the cancel; a
 * failure handed to it then is the next receive's.
 * A coroutine that is cancelled inside its try-with-resources block closes the WebSocket with 1000 on the way
 * out. Thread-safe, but only one receive may wait at a time.
 */
public final class WebSocket implements AutoCloseable {

	/** Where a WebSocket stands. */
	public enum State {
		/** Open: messages flow both ways. */
		OPEN,
		/** This side sent its close frame; the connection closes next. */
		CLOSING,
		/** Closed: the connection is gone; {@link #closeCode()} says how it ended. */
		CLOSED
	}

	/*
	 * How it is built: this class is the API and the sending side. WsReadAhead reads the frames, queues up to 32
	 * messages and hands each to the one receive that waits; WsClosing holds the state, the close code and the
	 * close handshake, and decides when the frames end what the receivers get last (the server's close, a failure,
	 * or CLOSED); WsHeartbeat pings and drops a peer that stops answering; WsConnect opens it so that none is
	 * left open unseen. The end of the frames flows WsReadAhead -> Events.framesEnded here -> WsClosing.end ->
	 * WsReadAhead.end.
	 */
	private static final int GOING_AWAY = 1001;

	private final URI url;
	private final Channel channel;
	private final WebsocketOutbound out;
	private final JsonMapper mapper;
	private final @Nullable String protocol;
	private final WsClosing closing;
	private final WsReadAhead readAhead;
	private final WsHeartbeat heartbeat;

	private WebSocket(URI url, WebsocketInbound in, WebsocketOutbound out, WebSocketOptions options,
			JsonMapper mapper) {
		this.url = url;
		this.out = out;
		this.mapper = mapper;
		this.protocol = in.selectedSubprotocol();
		this.closing = new WsClosing(url, options.maxMessageSize);
		Channel[] ch = new Channel[1];
		in.withConnection(c -> ch[0] = c.channel());
		this.channel = Objects.requireNonNull(ch[0]);
		this.heartbeat = new WsHeartbeat(channel, url, options.heartbeat, () -> closing.state() == State.OPEN, e -> {
			closing.abort(e);
			channel.close();
		});
		this.readAhead = new WsReadAhead(WebSocketMessage.CLOSED, new WsReadAhead.Events() {
			@Override
			public void frameArrived() {
				heartbeat.frameArrived();
			}

			@Override
			public void framesEnded(@Nullable Throwable error) {
				if (error != null) {
					channel.close();
				}
				heartbeat.cancel();
				WsClosing.Ending ending = closing.end(error);
				readAhead.end(ending.failure(), ending.close());
			}
		});
		// the status of the server's close frame is emitted before the frames complete
		in.receiveCloseStatus().subscribe(closing::closeFrameReceived, e -> { });
		in.aggregateFrames(options.maxMessageSize).receiveFrames().subscribe(readAhead.frames());
	}

	/**
	 * Opens a WebSocket: the Mono behind {@link ClientSession#wsConnect(String, WebSocketOptions)}; see
	 * {@link WsConnect#open}.
	 */
	static Mono<WebSocket> connect(HttpClient client, URI url, WebSocketOptions options, JsonMapper mapper,
			Duration connectTimeout, Duration readTimeout, OpenSockets<WebSocket> sessionSockets) {
		WebsocketClientSpec.Builder spec = WebsocketClientSpec.builder()
				.maxFramePayloadLength(options.maxMessageSize)
				.compress(options.compress)
				.handlePing(false);
		if (!options.protocols.isEmpty()) {
			spec.protocols(String.join(",", options.protocols));
		}
		HttpClient c = options.headers.isEmpty() ? client
				: client.headers(h -> options.headers.forEach(e -> h.set(e.getKey(), e.getValue())));
		return WsConnect.open(c.websocket(spec.build()).uri(url), url, WebSocket.class,
				(in, out) -> new WebSocket(url, in, out, options, mapper), ws -> ws.closing.done(), WebSocket::close,
				sessionSockets, connectTimeout, readTimeout);
	}

	/** {@return the URL of the WebSocket} */
	public URI url() {
		return url;
	}

	/**
	 * Returns the subprotocol the server chose among those offered, or {@code null} if none.
	 *
	 * @return the subprotocol the server chose, or {@code null}
	 */
	public @Nullable String protocol() {
		return protocol;
	}

	/**
	 * Returns where the WebSocket stands; any thread.
	 *
	 * @return the current state
	 */
	public State state() {
		return closing.state();
	}

	/**
	 * Returns whether the WebSocket is closing or closed: aiohttp's {@code closed}.
	 *
	 * @return {@code true} once a close was sent or received, or the connection dropped
	 */
	public boolean isClosed() {
		return closing.state() != State.OPEN;
	}

	/**
	 * Returns the close code the WebSocket ended with: the server's (from its close frame), this side's (from
	 * {@link #closeAsync(int, String)}), 1006 if the connection dropped, or -1 while it is open.
	 *
	 * @return the close code, or -1 while open
	 */
	public int closeCode() {
		return closing.closeCode();
	}

	/**
	 * Returns the reason that came with the close code, empty if none.
	 *
	 * @return the close reason, empty if none
	 */
	public String closeReason() {
		return closing.closeReason();
	}

	/**
	 * Returns the failure that ended the WebSocket, or {@code null} if it ended normally or is open: aiohttp's
	 * {@code exception()}.
	 *
	 * @return the failure that ended the WebSocket, or {@code null}
	 */
	public @Nullable Throwable exception() {
		return closing.exception();
	}

	/**
	 * Sends a text message. Cold: each subscription sends it once. It completes when the frame has been written
	 * to the socket, so awaiting each send keeps a fast writer from queueing without limit.
	 *
	 * @param text the message
	 * @return a cold Mono that completes when the frame is written; a {@link ClientConnectionException} if the
	 *         WebSocket is closed or the write fails
	 */
	@CheckReturnValue
	public Mono<Void> sendText(String text) {
		Objects.requireNonNull(text, "text");
		return send(() -> new TextWebSocketFrame(text));
	}

	/**
	 * Sends a binary message; see {@link #sendText(String)}. The array is copied when the Mono is subscribed.
	 *
	 * @param bytes the message
	 * @return a cold Mono that completes when the frame is written
	 */
	@CheckReturnValue
	public Mono<Void> sendBinary(byte[] bytes) {
		Objects.requireNonNull(bytes, "bytes");
		return send(() -> new BinaryWebSocketFrame(Unpooled.copiedBuffer(bytes)));
	}

	/**
	 * Sends a value as a JSON text message, written with the session's mapper: aiohttp's {@code send_json}.
	 *
	 * @param value what to send
	 * @return a cold Mono that completes when the frame is written; an {@link IllegalArgumentException} if the
	 *         mapper cannot write the value
	 */
	@CheckReturnValue
	public Mono<Void> sendJson(Object value) {
		Objects.requireNonNull(value, "value");
		return Mono.defer(() -> {
			String json;
			try {
				json = mapper.writeValueAsString(value);
			}
			catch (JacksonException e) {
				return Mono.error(new IllegalArgumentException("Cannot write " + value.getClass().getName()
						+ " as JSON: " + e.getOriginalMessage(), e));
			}
			return sendText(json);
		});
	}

	/**
	 * Sends a ping with a payload; the server answers with a pong, which the WebSocket consumes.
	 *
	 * @param payload at most 125 bytes
	 * @return a cold Mono that completes when the ping is written
	 */
	@CheckReturnValue
	public Mono<Void> ping(byte[] payload) {
		Objects.requireNonNull(payload, "payload");
		if (payload.length > 125) {
			throw new IllegalArgumentException("A ping's payload is at most 125 bytes (RFC 6455 section 5.5), was "
					+ payload.length);
		}
		return send(() -> new PingWebSocketFrame(Unpooled.copiedBuffer(payload)));
	}

	private Mono<Void> send(Supplier<WebSocketFrame> frame) {
		return Mono.create(sink -> {
			State s = closing.state();
			if (s != State.OPEN) {
				sink.error(new ClientConnectionException("Cannot send on the WebSocket to " + url + ": it is "
						+ s.name().toLowerCase(Locale.ROOT) + " (close code " + closing.closeCode() + "). Open a new "
						+ "one with session.wsConnect(url).", "GET", url, closing.exception()));
				return;
			}
			channel.writeAndFlush(frame.get()).addListener(f -> {
				if (f.isSuccess()) {
					sink.success();
				}
				else {
					sink.error(new ClientConnectionException("Sending on the WebSocket to " + url + " failed: "
							+ f.cause() + ". The connection was closed.", "GET", url, f.cause()));
				}
			});
		});
	}

	/**
	 * Waits for the next message: aiohttp's {@code receive()}. Cold: each subscription takes one message.
	 * Signals a {@link WebSocketMessage.Type#TEXT} or {@link WebSocketMessage.Type#BINARY} message; a
	 * {@link WebSocketMessage.Type#CLOSE} message when the server closed; a
	 * {@link WebSocketMessage.Type#CLOSED} message once closed. If the connection failed, the first receive
	 * after the messages read before the failure signals it, as a {@link ClientConnectionException} (dropped
	 * without a close frame) or {@link WebSocketException} (protocol error, message too big, missed heartbeat).
	 * Signals at once when a message is queued, else on a Netty event loop thread. Cancelling it leaves the
	 * message queued, and the failure for the next receive.
	 *
	 * @return a cold Mono of the next message
	 * @throws IllegalStateException (signalled) if another receive is waiting already
	 */
	@CheckReturnValue
	public Mono<WebSocketMessage> receive() {
		return readAhead.receive();
	}

	/**
	 * Waits for the next message and returns its text: aiohttp's {@code receive_str()}.
	 *
	 * @return a cold Mono of the next message's text; a {@link WebSocketException} if the next message is not
	 *         text (binary, or the close)
	 */
	@CheckReturnValue
	public Mono<String> receiveText() {
		return receive().map(m -> {
			if (m.type() != WebSocketMessage.Type.TEXT) {
				throw unexpected(m, "text");
			}
			return m.text();
		});
	}

	/**
	 * Waits for the next message and reads it as JSON with the session's mapper: aiohttp's
	 * {@code receive_json()}.
	 *
	 * @param type the class to read
	 * @param <T> the type to read
	 * @return a cold Mono of the value; a {@link WebSocketException} if the next message is the close, a
	 *         {@link JsonDecodeException} if it is not valid JSON for the type
	 */
	@CheckReturnValue
	public <T> Mono<T> receiveJson(Class<T> type) {
		Objects.requireNonNull(type, "type");
		return receive().handle((m, sink) -> {
			if (m.type() != WebSocketMessage.Type.TEXT && m.type() != WebSocketMessage.Type.BINARY) {
				sink.error(unexpected(m, "JSON"));
				return;
			}
			try {
				T value = mapper.readValue(m.bytes(), type);
				if (value != null) {
					sink.next(value);
				}
			}
			catch (JacksonException e) {
				sink.error(new JsonDecodeException("GET", url, e));
			}
		});
	}

	private WebSocketException unexpected(WebSocketMessage m, String wanted) {
		return new WebSocketException("Expected a " + wanted + " message on the WebSocket to " + url + ", received "
				+ m + ". Use receive() and switch on the message's type() where other messages may come.",
				closing.closeCode(), url, null);
	}

	/**
	 * The messages, text and binary, until the WebSocket closes: aiohttp's {@code async for msg in ws}. Cold
	 * and with backpressure; it completes at the close (the server's or this side's) and fails as
	 * {@link #receive()} does if the connection fails. Signals on a Netty event loop thread. Cancelling it
	 * stops receiving and leaves the WebSocket open; close the WebSocket for that, e.g.
	 * {@code Flux.usingWhen(session.wsConnect(url), WebSocket::messages, ws -> ws.closeAsync(1000, ""))}. From a
	 * coroutine, iterate it with {@code Async.iterate(ws.messages())}; that reads up to 32 messages ahead, so
	 * do not mix it with {@link #receive()}. Only one subscriber at a time.
	 *
	 * @return a cold Flux of the messages until the close
	 */
	@CheckReturnValue
	public Flux<WebSocketMessage> messages() {
		return Mono.defer(this::receive).repeat()
				.takeWhile(m -> m.type() == WebSocketMessage.Type.TEXT || m.type() == WebSocketMessage.Type.BINARY);
	}

	/**
	 * Closes the WebSocket with a code and reason, and completes when the connection is closed: aiohttp's
	 * {@code await ws.close(code=..., message=...)}. Sends the close frame once; if the WebSocket is closing or
	 * closed already, only waits for the connection to go. Cold; signals on a Netty event loop thread.
	 * Cancelling the wait does not stop the close.
	 *
	 * @param code a close code (1000 normal, 1001 going away, 3000-4999 for applications)
	 * @param reason a short reason, at most 123 bytes of UTF-8, may be empty
	 * @return a cold Mono that completes once the connection is closed
	 */
	@CheckReturnValue
	public Mono<Void> closeAsync(int code, String reason) {
		Objects.requireNonNull(reason, "reason");
		if (code != WsClosing.NORMAL
				&& (code < 1000 || code > 4999 || code == WsClosing.ABNORMAL || code == 1005 || code == 1015)) {
			throw new IllegalArgumentException("Cannot send close code " + code + ": use 1000 (normal), 1001 (going "
					+ "away), another code of RFC 6455 section 7.4.1 or 3000-4999; 1005, 1006 and 1015 are never sent.");
		}
		return Mono.defer(() -> {
			if (closing.startClose(code, reason)) {
				heartbeat.cancel();
				return out.sendClose(code, reason).onErrorResume(e -> Mono.empty()).then(closing.done());
			}
			return closing.done();
		});
	}

	/**
	 * Closes the WebSocket with 1000 (normal closure) without waiting; see {@link #closeAsync(int, String)}.
	 * Idempotent; any thread; never blocks. Messages not yet received are dropped.
	 */
	@Override
	public void close() {
		closeAsync(WsClosing.NORMAL, "").subscribe(null, e -> { });
	}

	/** Closes with 1001 (going away): its session closed. Any thread; never blocks. */
	void goAway() {
		closeAsync(GOING_AWAY, "the client's session was closed").subscribe(null, e -> { });
	}

	@Override
	public String toString() {
		State s = closing.state();
		return "WebSocket[" + s + ", " + url + (s == State.OPEN ? "" : ", close code " + closing.closeCode()) + "]";
	}
}
