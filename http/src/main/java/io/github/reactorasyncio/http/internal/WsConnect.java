package io.github.reactorasyncio.http.internal;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.reactorasyncio.http.SessionClosedException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * Opens a client {@code WebSocket} (the Mono behind {@code ClientSession.wsConnect}) so that none is left open
 * unseen: one that opens after its subscriber cancelled, or that a Reactor subscriber cancelling at that instant
 * drops, is closed; one that opens as its session closes is closed with the session's others
 * ({@link OpenSockets}). Reactor Netty keeps the connection until the WebSocket's {@code done} completes.
 */
public final class WsConnect {

	private WsConnect() {
	}

	/**
	 * Cold; signals the open WebSocket on a Netty event loop thread once the handshake succeeded, or the
	 * handshake's failure ({@link WsClosing#handshakeError}), or a {@link SessionClosedException}. Cancelling
	 * it before then aborts the handshake.
	 *
	 * @param sender the upgrade request, ready to send
	 * @param url the WebSocket's URL, for errors
	 * @param type the WebSocket's class, to close one Reactor discards
	 * @param create makes the WebSocket of an upgraded connection
	 * @param done of a WebSocket: completes once its connection is gone
	 * @param close closes a WebSocket nobody will get
	 * @param sessionSockets the open WebSockets of the session
	 * @param connectTimeout for the handshake's errors
	 * @param readTimeout for the handshake's errors
	 * @param <W> the WebSocket type
	 * @return a cold Mono of the open WebSocket
	 */
	public static <W> Mono<W> open(HttpClient.WebsocketSender sender, URI url, Class<W> type,
			BiFunction<WebsocketInbound, WebsocketOutbound, W> create, Function<W, Mono<Void>> done, Consumer<W> close,
			OpenSockets<W> sessionSockets, Duration connectTimeout, Duration readTimeout) {
		Mono<W> open = Mono.create(sink -> {
			// 0 pending, 1 signalled, 2 cancelled: whichever comes first decides who closes the WebSocket
			AtomicInteger outcome = new AtomicInteger();
			var subscription = sender.handle((in, out) -> {
				W ws = create.apply(in, out);
				if (!sessionSockets.add(ws)) {
					outcome.set(2); // the session closed during the handshake, and closed it
					sink.error(new SessionClosedException("GET", url));
				}
				else if (outcome.compareAndSet(0, 1)) {
					sink.success(ws);
				}
				else {
					close.accept(ws);
				}
				return done.apply(ws).doFinally(x -> sessionSockets.remove(ws));
			}).subscribe(null, e -> sink.error(WsClosing.handshakeError(e, url, connectTimeout, readTimeout)));
			sink.onCancel(() -> {
				if (outcome.compareAndSet(0, 2)) {
					subscription.dispose();
				}
			});
		});
		// a Reactor subscriber that cancels as the WebSocket arrives never sees it: close it
		return open.doOnDiscard(type, close);
	}
}
