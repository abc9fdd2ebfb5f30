package io.github.reactorasyncio.http;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.google.errorprone.annotations.CheckReturnValue;
import io.github.reactorasyncio.http.internal.Errors;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
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
 * (1000) and never blocks; {@link #closeAsync(int, String)} lets you choose the code and wait.
 *
 * <p><b>Threads and cancellation.</b> Every Mono here is cold and signals on a Reactor Netty event loop thread
 * (a coroutine awaiting it resumes on its own loop). Cancelling a {@link #receive()} leaves the WebSocket open
 * and the unreceived messages queued; a message that arrives at the very instant of the cancel may be lost.
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

	/** Messages read from the socket that nobody has received yet, at most. */
	private static final int PREFETCH = 32;
	/** RFC 6455 section 7.4.1. */
	private static final int NORMAL = 1000;
	private static final int ABNORMAL = 1006;
	private static final int TOO_BIG = 1009;

	private final URI url;
	private final Channel channel;
	private final WebsocketOutbound out;
	private final JsonMapper mapper;
	private final @Nullable String protocol;
	private final int maxMessageSize;
	private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
	private final Sinks.Empty<Void> done = Sinks.empty();
	private final Inbound inbound = new Inbound();

	private final Object lock = new Object();
	/** Guarded by {@link #lock}: messages read and not yet received. */
	private final ArrayDeque<WebSocketMessage> queue = new ArrayDeque<>();
	/** Guarded by {@link #lock}: the receive that waits, if any. */
	private @Nullable Waiter waiter;
	/** Guarded by {@link #lock}: whether the socket has nothing more to give. */
	private boolean ended;
	/** Guarded by {@link #lock}: the failure the next receive reports (once). */
	private @Nullable Throwable unreported;

	private volatile @Nullable Throwable exception;
	private volatile int closeCode = -1;
	private volatile String closeReason = "";
	private volatile @Nullable WebSocketCloseStatus closeFrame;
	/** Set on the channel's thread before it closes the channel for a reason of its own. */
	private volatile @Nullable Throwable abortReason;
	private volatile long lastFrameNanos = System.nanoTime();
	private volatile @Nullable ScheduledFuture<?> heartbeat;

	private WebSocket(URI url, WebsocketInbound in, WebsocketOutbound out, WebSocketOptions options,
			JsonMapper mapper) {
		this.url = url;
		this.out = out;
		this.mapper = mapper;
		this.protocol = in.selectedSubprotocol();
		this.maxMessageSize = options.maxMessageSize;
		Channel[] ch = new Channel[1];
		in.withConnection(c -> ch[0] = c.channel());
		this.channel = Objects.requireNonNull(ch[0]);
		// the status of the server's close frame is emitted before the frames complete
		in.receiveCloseStatus().subscribe(s -> closeFrame = s, e -> { });
		in.aggregateFrames(options.maxMessageSize).receiveFrames().subscribe(inbound);
		Duration interval = options.heartbeat;
		if (interval != null) {
			long period = interval.toNanos();
			heartbeat = channel.eventLoop().scheduleAtFixedRate(() -> ping(period / 2), period, period,
					TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Opens a WebSocket: the Mono behind {@link ClientSession#wsConnect(String, WebSocketOptions)}. Cold; it
	 * signals the open WebSocket on a Netty event loop thread once the handshake succeeded. Cancelling it
	 * before then aborts the handshake; a WebSocket that opens after the cancel is closed.
	 */
	static Mono<WebSocket> connect(HttpClient client, URI url, WebSocketOptions options, JsonMapper mapper,
			Duration connectTimeout, Duration readTimeout) {
		WebsocketClientSpec.Builder spec = WebsocketClientSpec.builder()
				.maxFramePayloadLength(options.maxMessageSize)
				.compress(options.compress)
				.handlePing(false);
		if (!options.protocols.isEmpty()) {
			spec.protocols(String.join(",", options.protocols));
		}
		HttpClient c = options.headers.isEmpty() ? client
				: client.headers(h -> options.headers.forEach(e -> h.set(e.getKey(), e.getValue())));
		Mono<WebSocket> open = Mono.create(sink -> {
			// 0 pending, 1 signalled, 2 cancelled: whichever comes first decides who closes the WebSocket
			AtomicInteger outcome = new AtomicInteger();
			var subscription = c.websocket(spec.build()).uri(url).handle((in, out) -> {
				WebSocket ws = new WebSocket(url, in, out, options, mapper);
				if (outcome.compareAndSet(0, 1)) {
					sink.success(ws);
				}
				else {
					ws.close();
				}
				return ws.done.asMono();
			}).subscribe(null, e -> sink.error(connectError(e, url, connectTimeout, readTimeout)));
			sink.onCancel(() -> {
				if (outcome.compareAndSet(0, 2)) {
					subscription.dispose();
				}
			});
		});
		// a Reactor subscriber that cancels as the WebSocket arrives never sees it: close it
		return open.doOnDiscard(WebSocket.class, WebSocket::close);
	}

	private static Throwable connectError(Throwable e, URI url, Duration connectTimeout, Duration readTimeout) {
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
		Throwable mapped = Errors.map(e, "GET", url, connectTimeout, readTimeout, readTimeout);
		return mapped;
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
		return state.get();
	}

	/**
	 * Returns whether the WebSocket is closing or closed: aiohttp's {@code closed}.
	 *
	 * @return {@code true} once a close was sent or received, or the connection dropped
	 */
	public boolean isClosed() {
		return state.get() != State.OPEN;
	}

	/**
	 * Returns the close code the WebSocket ended with: the server's (from its close frame), this side's (from
	 * {@link #closeAsync(int, String)}), 1006 if the connection dropped, or -1 while it is open.
	 *
	 * @return the close code, or -1 while open
	 */
	public int closeCode() {
		return closeCode;
	}

	/**
	 * Returns the reason that came with the close code, empty if none.
	 *
	 * @return the close reason, empty if none
	 */
	public String closeReason() {
		return closeReason;
	}

	/**
	 * Returns the failure that ended the WebSocket, or {@code null} if it ended normally or is open: aiohttp's
	 * {@code exception()}.
	 *
	 * @return the failure that ended the WebSocket, or {@code null}
	 */
	public @Nullable Throwable exception() {
		return exception;
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
			if (state.get() != State.OPEN) {
				sink.error(new ClientConnectionException("Cannot send on the WebSocket to " + url + ": it is "
						+ state.get().name().toLowerCase(Locale.ROOT) + " (close code " + closeCode + "). Open a new "
						+ "one with session.wsConnect(url).", "GET", url, exception));
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
	 * message queued.
	 *
	 * @return a cold Mono of the next message
	 * @throws IllegalStateException (signalled) if another receive is waiting already
	 */
	@CheckReturnValue
	public Mono<WebSocketMessage> receive() {
		return Mono.create(sink -> {
			Waiter w = new Waiter(sink);
			sink.onCancel(() -> {
				w.cancel();
				synchronized (lock) {
					if (waiter == w) {
						waiter = null;
					}
				}
			});
			synchronized (lock) {
				if (waiter != null) {
					sink.error(new IllegalStateException("Another receive() is waiting on this WebSocket already; "
							+ "only one may wait at a time (aiohttp: 'Concurrent call to receive() is not allowed'). "
							+ "Receive from one coroutine, or iterate messages() once."));
					return;
				}
				waiter = w;
			}
			drain();
		});
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
				closeCode, url, null);
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
		if (code != NORMAL && (code < 1000 || code > 4999 || code == ABNORMAL || code == 1005 || code == 1015)) {
			throw new IllegalArgumentException("Cannot send close code " + code + ": use 1000 (normal), 1001 (going "
					+ "away), another code of RFC 6455 section 7.4.1 or 3000-4999; 1005, 1006 and 1015 are never sent.");
		}
		return Mono.defer(() -> {
			if (state.compareAndSet(State.OPEN, State.CLOSING)) {
				closeCode = code;
				closeReason = reason;
				cancelHeartbeat();
				return out.sendClose(code, reason).onErrorResume(e -> Mono.empty()).then(done.asMono());
			}
			return done.asMono();
		});
	}

	/**
	 * Closes the WebSocket with 1000 (normal closure) without waiting; see {@link #closeAsync(int, String)}.
	 * Idempotent; any thread; never blocks. Messages not yet received are dropped.
	 */
	@Override
	public void close() {
		closeAsync(NORMAL, "").subscribe(null, e -> { });
	}

	/** On the channel's event loop: sends the heartbeat's ping and checks that something came back in time. */
	private void ping(long graceNanos) {
		if (state.get() != State.OPEN) {
			return;
		}
		long sent = System.nanoTime();
		channel.writeAndFlush(new PingWebSocketFrame());
		channel.eventLoop().schedule(() -> {
			if (state.get() == State.OPEN && lastFrameNanos - sent < 0) {
				abortReason = new WebSocketException("The server at " + url + " did not answer the heartbeat's ping "
						+ "within " + TimeUnit.NANOSECONDS.toMillis(graceNanos) + " ms, nor sent anything else; the "
						+ "connection was dropped (close code 1006). The server or the network is stalled; receive "
						+ "messages promptly, or lengthen WebSocketOptions.heartbeat.", ABNORMAL, url, null);
				channel.close();
			}
		}, graceNanos, TimeUnit.NANOSECONDS);
	}

	private void cancelHeartbeat() {
		ScheduledFuture<?> h = heartbeat;
		if (h != null) {
			h.cancel(false);
		}
	}

	/** Hands the next message, the failure or CLOSED to the waiting receive, if there is one. */
	private void drain() {
		Waiter w;
		Object item;
		boolean taken;
		synchronized (lock) {
			w = waiter;
			if (w == null) {
				return;
			}
			if (!queue.isEmpty()) {
				item = queue.peekFirst();
				taken = true;
			}
			else if (ended) {
				item = unreported != null ? unreported : WebSocketMessage.CLOSED;
				taken = false;
			}
			else {
				return;
			}
			waiter = null;
			if (!w.claim()) {
				return;
			}
			if (taken) {
				queue.pollFirst();
			}
			else if (item == unreported) {
				unreported = null;
			}
		}
		if (item instanceof Throwable t) {
			w.sink.error(t);
			return;
		}
		WebSocketMessage m = (WebSocketMessage) item;
		if (taken && m.type() != WebSocketMessage.Type.CLOSE) {
			inbound.request(1);
		}
		w.sink.success(m);
	}

	/** Called once, on the channel's event loop, when the socket has nothing more to give. */
	private void end(@Nullable Throwable error) {
		cancelHeartbeat();
		State before = state.getAndSet(State.CLOSED);
		Throwable failure = null;
		WebSocketCloseStatus frame = closeFrame;
		if (error != null) {
			failure = failure(error);
		}
		else if (abortReason != null) {
			failure = abortReason;
			closeCode = ABNORMAL;
		}
		else if (before == State.OPEN && frame == null) {
			failure = new ClientConnectionException("The connection of the WebSocket to " + url + " was dropped "
					+ "without a close frame (abnormal closure, 1006): the server crashed, was stopped, or a proxy cut "
					+ "the connection. Reconnect if the exchange can be resumed.", "GET", url, null);
			closeCode = ABNORMAL;
		}
		synchronized (lock) {
			if (failure != null) {
				unreported = failure;
			}
			else if (before == State.OPEN && frame != null) {
				closeCode = frame.code();
				closeReason = frame.reasonText() == null ? "" : frame.reasonText();
				queue.addLast(WebSocketMessage.close(closeCode, closeReason));
			}
			ended = true;
		}
		if (failure != null) {
			exception = failure;
		}
		done.tryEmitEmpty();
		drain();
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

	@Override
	public String toString() {
		State s = state.get();
		return "WebSocket[" + s + ", " + url + (s == State.OPEN ? "" : ", close code " + closeCode) + "]";
	}

	/** A receive that waits: delivery and cancellation race for it, and only one wins. */
	private static final class Waiter {

		final MonoSink<WebSocketMessage> sink;
		/** 0 waiting, 1 delivered, 2 cancelled. */
		private final AtomicInteger state = new AtomicInteger();

		Waiter(MonoSink<WebSocketMessage> sink) {
			this.sink = sink;
		}

		boolean claim() {
			return state.compareAndSet(0, 1);
		}

		void cancel() {
			state.compareAndSet(0, 2);
		}
	}

	/** Reads frames from the socket, at most {@link #PREFETCH} ahead of the receivers. */
	private final class Inbound extends BaseSubscriber<WebSocketFrame> {

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			subscription.request(PREFETCH);
		}

		@Override
		protected void hookOnNext(WebSocketFrame frame) {
			lastFrameNanos = System.nanoTime();
			WebSocketMessage m;
			if (frame instanceof TextWebSocketFrame t) {
				m = WebSocketMessage.text(t.text());
			}
			else if (frame instanceof BinaryWebSocketFrame) {
				m = WebSocketMessage.binary(ByteBufUtil.getBytes(frame.content()));
			}
			else {
				// a pong (or a stray control frame): it only says the peer is alive
				request(1);
				return;
			}
			synchronized (lock) {
				queue.addLast(m);
			}
			drain();
		}

		@Override
		protected void hookOnComplete() {
			end(null);
		}

		@Override
		protected void hookOnError(Throwable e) {
			channel.close();
			end(e);
		}
	}
}
