package io.github.reactorasyncio.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;

/** A Reactor Netty WebSocket server on a random loopback port with the routes the WebSocket tests need. */
final class WsTestServer implements AutoCloseable {

	static final int MAX = 16 * 1024 * 1024;

	/** The close status each /echo connection ended with, as the server saw it, by its X-Id header. */
	final Map<String, WebSocketCloseStatus> echoCloses = new ConcurrentHashMap<>();
	private final DisposableServer server;

	WsTestServer() {
		WebsocketServerSpec big = WebsocketServerSpec.builder().maxFramePayloadLength(MAX).build();
		WebsocketServerSpec rawPings = WebsocketServerSpec.builder().handlePing(true).build();
		WebsocketServerSpec chat = WebsocketServerSpec.builder().protocols("chat").build();
		server = HttpServer.create().host("127.0.0.1").port(0)
				.route(r -> r
						.ws("/echo", (in, out) -> {
							in.receiveCloseStatus().subscribe(s -> echoCloses.put(in.headers().get("X-Id", ""), s));
							return out.sendObject(in.aggregateFrames(MAX).receiveFrames()
									.filter(f -> f instanceof TextWebSocketFrame || f instanceof BinaryWebSocketFrame)
									.map(WebSocketFrame::retain));
						}, big)
						.ws("/close", (in, out) -> out.sendString(Mono.just("bye")).then()
								.then(out.sendClose(4000, "done")))
						.ws("/drop", (in, out) -> out.sendString(Mono.just("partial")).then()
								.then(Mono.fromRunnable(() -> in.withConnection(c -> c.channel().close()))))
						.ws("/drop-mid-message", (in, out) -> out
								.sendObject(Mono.just(new TextWebSocketFrame(false, 0, "the first half of a message")))
								.then().then(Mono.fromRunnable(() -> in.withConnection(c -> c.channel().close()))))
						.ws("/count", (in, out) -> out.sendString(Flux.range(0, Integer.parseInt(in.headers()
								.get("X-Count", "0"))).map(i -> "m" + i)).then().then(out.sendClose(1000, "all sent")))
						.ws("/big", (in, out) -> out.sendObject(Mono.fromSupplier(() ->
								new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[5 * 1024 * 1024]))))
								.then().then(in.receive().then()), big)
						.ws("/silent", (in, out) -> in.receive().then(), rawPings)
						.ws("/pings", (in, out) -> out.sendObject(pings(in)), rawPings)
						.ws("/chat", (in, out) -> out.sendString(Mono.justOrEmpty(in.selectedSubprotocol()))
								.then().then(in.receive().then()), chat)
						.get("/plain", (req, res) -> res.sendString(Mono.just("not a WebSocket"))))
				.bindNow();
	}

	private static Flux<TextWebSocketFrame> pings(WebsocketInbound in) {
		return in.receiveFrames().ofType(PingWebSocketFrame.class)
				.map(p -> new TextWebSocketFrame("ping:" + p.content().toString(java.nio.charset.StandardCharsets.UTF_8)));
	}

	/** The close status the server saw on the /echo connection with this X-Id, waiting a bounded while for it. */
	WebSocketCloseStatus echoClose(String id) throws InterruptedException {
		for (int i = 0; i < 2000 && !echoCloses.containsKey(id); i++) {
			Thread.sleep(5);
		}
		return echoCloses.get(id);
	}

	String url(String path) {
		return "ws://127.0.0.1:" + server.port() + path;
	}

	@Override
	public void close() {
		server.disposeNow();
	}
}
