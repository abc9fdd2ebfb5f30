package io.github.reactorasyncio.http.internal;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.reactorasyncio.http.WebSocketMessage;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The receiving side of a client {@code WebSocket}: reads the socket's frames at most {@link #PREFETCH} messages
 * ahead of the receivers (then stops reading, so that a slow reader slows the server down instead of filling
 * memory), keeps the messages in order, and hands each to the one receive that waits. When the socket ends
 * ({@link #end}), the receives after the queued messages get the end: the failure once, else the close message,
 * then {@code CLOSED} for ever. A receive cancelled before it took what it was handed, message or failure,
 * leaves it for the next one.
 *
 * <p>The {@code WebSocket} owns one and tells it how the socket ended ({@link WsClosing} works that out); it hears
 * back through {@link Events}: each frame (for the heartbeat), and the end of the frames.
 */
public final class WsReadAhead {

	/** What the WebSocket hears from its reader. */
	public interface Events {

		/** A frame arrived, of any kind: the peer is alive. On the channel's event loop. */
		void frameArrived();

		/** The socket has no more frames, with the error that ended it, if any. Once, on the channel's event loop. */
		void framesEnded(@Nullable Throwable error);
	}

	/** Messages read from the socket that nobody has received yet, at most. */
	public static final int PREFETCH = 32;

	private final Events events;
	private final WebSocketMessage closed;
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

	/**
	 * @param closed what a receive gets once everything else was received
	 * @param events who hears of frames and of their end
	 */
	public WsReadAhead(WebSocketMessage closed, Events events) {
		this.closed = closed;
		this.events = events;
	}

	/** {@return the subscriber to give the socket's (aggregated) frames to} */
	public CoreSubscriber<WebSocketFrame> frames() {
		return inbound;
	}

	/**
	 * The next message; see {@code WebSocket.receive()}. Cold: each subscription takes one message, or the
	 * failure. Signals at once when one is queued, else on the channel's event loop. Cancelling it leaves the
	 * message, or the failure, for the next receive.
	 *
	 * @return a cold Mono of the next message; an {@link IllegalStateException} if another receive waits already
	 */
	public Mono<WebSocketMessage> receive() {
		Mono<Object> next = Mono.create(sink -> {
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
		// A message handed to a receive that is cancelled at that instant (or that has not requested yet when
		// cancelled) is discarded by the sink: it goes back to the head of the queue for the next receive. The
		// failure travels as a value for the same reason (an error signalled to a cancelled sink is dropped), and
		// becomes the receive's error only past the sink.
		return next.<WebSocketMessage>handle((item, s) -> {
			if (item instanceof Failure f) {
				s.error(f.error());
			}
			else {
				s.next((WebSocketMessage) item);
			}
		}).doOnDiscard(Object.class, this::putBack);
	}

	private void putBack(Object item) {
		if (item == closed) {
			return; // not from the queue: every receive after the end gets it anyway
		}
		synchronized (lock) {
			if (item instanceof Failure f) {
				unreported = f.error();
			}
			else if (item instanceof WebSocketMessage m) {
				// its read-ahead slot was requested again on delivery: the queue may hold one more than PREFETCH
				queue.addFirst(m);
			}
			else {
				return;
			}
		}
		drain();
	}

	/** The failure that ended the socket, on its way to a receive. */
	private record Failure(Throwable error) {
	}

	/**
	 * The socket has nothing more to give: after the queued messages, receives get {@code failure} (once) if
	 * there is one, else {@code close} if there is one, then {@code CLOSED}.
	 *
	 * @param failure how the connection failed, or {@code null}
	 * @param close the server's close, as a message, or {@code null}
	 */
	public void end(@Nullable Throwable failure, @Nullable WebSocketMessage close) {
		synchronized (lock) {
			if (failure != null) {
				unreported = failure;
			}
			else if (close != null) {
				queue.addLast(close);
			}
			ended = true;
		}
		drain();
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
				item = unreported != null ? new Failure(unreported) : closed;
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
			else if (item instanceof Failure) {
				unreported = null;
			}
		}
		if (item instanceof WebSocketMessage m && taken && m.type() != WebSocketMessage.Type.CLOSE) {
			inbound.request(1);
		}
		w.sink.success(item);
	}

	/** A receive that waits: delivery and cancellation race for it, and only one wins. */
	private static final class Waiter {

		/** Given a {@link WebSocketMessage} or a {@link Failure}. */
		final MonoSink<Object> sink;
		/** 0 waiting, 1 delivered, 2 cancelled. */
		private final AtomicInteger state = new AtomicInteger();

		Waiter(MonoSink<Object> sink) {
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
			events.frameArrived();
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
			events.framesEnded(null);
		}

		@Override
		protected void hookOnError(Throwable e) {
			events.framesEnded(e);
		}
	}
}
