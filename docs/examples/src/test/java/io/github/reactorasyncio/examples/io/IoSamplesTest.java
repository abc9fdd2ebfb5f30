package io.github.reactorasyncio.examples.io;

import io.github.reactorasyncio.http.ClientSession;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Each I/O sample of the guide does what the guide says, against a real peer on 127.0.0.1. */
@Timeout(60)
class IoSamplesTest {

	@Test
	void theWebSocketChatEchoesAndClosesNormally() throws Exception {
		DisposableServer echo = HttpServer.create().host("127.0.0.1").port(0)
				.route(r -> r.ws("/echo", (in, out) -> out.sendObject(in.receiveFrames()
						.filter(f -> f instanceof TextWebSocketFrame).map(WebSocketFrame::retain))))
				.bindNow();
		try (ClientSession session = ClientSession.create()) {
			assertThat(WebSockets.chat(session, "ws://127.0.0.1:" + echo.port() + "/echo"))
					.containsExactly("hello", "{\"n\":1}", "bye", "closed with 1000");
		}
		finally {
			echo.disposeNow();
		}
	}
}
