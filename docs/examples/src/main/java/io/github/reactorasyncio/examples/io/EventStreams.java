package io.github.reactorasyncio.examples.io;

import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.AsyncIterator;
import io.github.reactorasyncio.http.ClientSession;
import io.github.reactorasyncio.http.ServerSentEvent;
import io.github.reactorasyncio.http.ServerSentEvents;

/** Server-sent events: a {@code text/event-stream} read as browsers' {@code EventSource} reads it. */
public final class EventStreams {

	private EventStreams() {
	}

	// tag::main[]
	/**
	 * JavaScript: {@code const es = new EventSource(url); es.addEventListener("price", e => log.push(e.data));}
	 * and stop at the {@code done} event.
	 *
	 * @param session the session to send the request with
	 * @param url a URL that streams {@code text/event-stream}
	 * @return the {@code price} events' ID and data
	 * @throws Exception if the request or the stream failed
	 */
	public static List<String> prices(ClientSession session, String url) throws Exception {
		return Async.run(() -> {
			List<String> log = new ArrayList<>();
			try (AsyncIterator<ServerSentEvent> events = Async.iterate(ServerSentEvents.stream(session, url))) {
				while (events.hasNext()) {
					ServerSentEvent e = events.next();
					if (e.event().equals("done")) {
						break;                          // closing the iterator closes the connection
					}
					if (e.event().equals("price")) {
						log.add(e.id() + " " + e.data());
					}
				}
			}
			return log;
		});
	}
	// end::main[]
}
