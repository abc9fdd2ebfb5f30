package io.github.reactorasyncio.examples.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.AsyncIterator;
import io.github.reactorasyncio.http.ClientSession;
import io.github.reactorasyncio.http.WebSocket;
import io.github.reactorasyncio.http.WebSocketMessage;

/** A WebSocket client: aiohttp's {@code session.ws_connect}. */
public final class WebSockets {

	private WebSockets() {
	}

	// tag::main[]
	/**
	 * Python:
	 * <pre>
	 * async with session.ws_connect(url) as ws:
	 *     await ws.send_str("hello"); await ws.send_json({"n": 1}); await ws.send_str("bye")
	 *     async for msg in ws:
	 *         log.append(msg.data)
	 *         if msg.data == "bye": await ws.close(code=1000, message=b"done")
	 * </pre>
	 *
	 * @param session the session to connect with
	 * @param url the URL of an echo server, e.g. {@code ws://127.0.0.1:8080/echo}
	 * @return the messages the server sent back, and how the WebSocket ended
	 * @throws Exception if connecting or a receive failed
	 */
	public static List<String> chat(ClientSession session, String url) throws Exception {
		List<String> log = new ArrayList<>();
		Async.run(() -> {
			try (WebSocket ws = Async.await(session.wsConnect(url))) {    // close() sends 1000, also on cancel
				Async.await(ws.sendText("hello"));                        // completes once written
				Async.await(ws.sendJson(Map.of("n", 1)));
				Async.await(ws.sendText("bye"));
				try (AsyncIterator<WebSocketMessage> messages = Async.iterate(ws.messages())) {
					while (messages.hasNext()) {                          // ends at the close
						String text = messages.next().text();
						log.add(text);
						if (text.equals("bye")) {
							Async.await(ws.closeAsync(1000, "done"));
						}
					}
				}
				log.add("closed with " + ws.closeCode());
			}
			return null;
		});
		return log;
	}
	// end::main[]
}
