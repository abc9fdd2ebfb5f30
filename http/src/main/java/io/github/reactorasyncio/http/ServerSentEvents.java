package io.github.reactorasyncio.http;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;

import com.google.errorprone.annotations.CheckReturnValue;
import io.github.reactorasyncio.http.internal.EventStreamParser;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Server-sent events: reads a {@code text/event-stream} response as a Flux of {@link ServerSentEvent}s,
 * parsed as browsers' {@code EventSource} parses them (multi-line data, comments, CRLF, CR or LF line ends,
 * events split across chunks anywhere). From a coroutine, iterate it with {@code Async.iterate}:
 *
 * <pre>{@code
 * try (AsyncIterator<ServerSentEvent> events = Async.iterate(ServerSentEvents.stream(session, url))) {
 *     while (events.hasNext()) {
 *         ServerSentEvent e = events.next();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>It does not reconnect by itself (a browser's {@code EventSource} does): an event's {@link ServerSentEvent#id()}
 * and {@link ServerSentEvent#retry()} say where and when to resume, with a {@code Last-Event-ID} header.
 */
public final class ServerSentEvents {

	/** The default limit of one event: 1 MiB. */
	public static final int DEFAULT_MAX_EVENT_SIZE = 1024 * 1024;

	/** A stream lives as long as the server keeps sending; the session's total timeout must not end it. */
	private static final Duration NO_TOTAL_TIMEOUT = Duration.ofDays(365);

	private ServerSentEvents() {
	}

	/**
	 * Sends a GET with {@code Accept: text/event-stream} and streams the response's events: the browser's
	 * {@code new EventSource(url)}, without its reconnection. The session's total timeout does not apply (a
	 * stream may last for hours); its read timeout does, so a server that sends nothing, not even a comment,
	 * for that long fails the stream with a {@link ClientTimeoutException}.
	 *
	 * <p>Cold: each subscription sends the request. Signals on a Reactor Netty event loop thread, with
	 * backpressure (a slow subscriber slows the reading from the socket). Completes when the server ends the
	 * response (an unfinished last event is dropped); fails with a {@link ClientException} if the response is
	 * not {@code text/event-stream} (an error status included, with its status in the message) or the
	 * connection fails. Cancelling it closes the connection.
	 *
	 * @param session the session to send the request with
	 * @param url absolute, or relative to the session's base URL
	 * @return a cold Flux of the events
	 */
	@CheckReturnValue
	public static Flux<ServerSentEvent> stream(ClientSession session, String url) {
		return stream(session, url, RequestOptions.none());
	}

	/**
	 * As {@link #stream(ClientSession, String)}, with the headers (e.g. {@code Last-Event-ID} to resume) and
	 * query parameters of {@code options}; their body, timeout and body limit do not apply.
	 *
	 * @param session the session to send the request with
	 * @param url absolute, or relative to the session's base URL
	 * @param options this request's headers and query parameters
	 * @return a cold Flux of the events
	 */
	@CheckReturnValue
	public static Flux<ServerSentEvent> stream(ClientSession session, String url, RequestOptions options) {
		Objects.requireNonNull(session, "session");
		Objects.requireNonNull(url, "url");
		Objects.requireNonNull(options, "options");
		RequestOptions.Builder b = RequestOptions.builder().timeout(NO_TOTAL_TIMEOUT);
		if (options.headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Accept"))) {
			b.header("Accept", "text/event-stream");
		}
		options.headers.forEach(h -> b.header(h.getKey(), h.getValue()));
		options.query.forEach(q -> b.query(q.getKey(), q.getValue()));
		RequestOptions request = b.build();
		return Flux.usingWhen(session.get(url, request), ServerSentEvents::from,
				r -> Mono.fromRunnable(r::close));
	}

	/**
	 * Reads the events of a response; see {@link #stream(ClientSession, String)}. The response must be
	 * {@code text/event-stream}. Reads its body once; cancelling closes the connection. Close the response
	 * when done (try-with-resources), as always.
	 *
	 * @param response a response whose body was not read yet
	 * @return a cold Flux of the events, signalled on a Reactor Netty event loop thread
	 */
	@CheckReturnValue
	public static Flux<ServerSentEvent> from(ClientResponse response) {
		return from(response, DEFAULT_MAX_EVENT_SIZE);
	}

	/**
	 * As {@link #from(ClientResponse)}, with a limit on the size of one event; a larger one fails the Flux
	 * with a {@link ClientException} and closes the connection.
	 *
	 * @param response a response whose body was not read yet
	 * @param maxEventSize the most one event's data (and its longest line) may take
	 * @return a cold Flux of the events
	 */
	@CheckReturnValue
	public static Flux<ServerSentEvent> from(ClientResponse response, int maxEventSize) {
		Objects.requireNonNull(response, "response");
		return Flux.defer(() -> {
			if (!response.contentType().equals("text/event-stream")) {
				response.close();
				String ct = response.contentType().isEmpty() ? "no Content-Type" : "'" + response.contentType() + "'";
				return Flux.error(new ClientException("Expected a text/event-stream from " + response.method() + " "
						+ response.url() + ", but the server answered " + response.status() + " with " + ct
						+ ". Check the URL, and that the endpoint streams server-sent events.", response.method(),
						response.url(), null));
			}
			return parse(response.content(), maxEventSize).onErrorMap(EventStreamParser.EventTooLargeException.class,
					e -> {
						response.close();
						return new ClientException("An event from " + response.method() + " " + response.url()
								+ " is larger than the limit of " + e.limit + " bytes; the stream was closed. Raise "
								+ "it with ServerSentEvents.from(response, maxEventSize) if such events are expected.",
								response.method(), response.url(), e);
					});
		});
	}

	/**
	 * Parses a {@code text/event-stream} from chunks of UTF-8 bytes, split anywhere. Cold: each subscription
	 * parses anew; signals on the thread the chunks arrive on; cancelling cancels the chunks.
	 *
	 * @param chunks the bytes of the stream
	 * @param maxEventSize the most one event's data (and its longest line) may take; beyond it the Flux fails
	 *        with an {@link IllegalStateException}
	 * @return a cold Flux of the events; an event not ended by a blank line when the chunks complete is dropped,
	 *         as the standard says
	 */
	@CheckReturnValue
	public static Flux<ServerSentEvent> parse(Publisher<ByteBuffer> chunks, int maxEventSize) {
		Objects.requireNonNull(chunks, "chunks");
		if (maxEventSize < 1) {
			throw new IllegalArgumentException("maxEventSize must be positive, was " + maxEventSize);
		}
		return Flux.defer(() -> {
			EventStreamParser parser = new EventStreamParser(maxEventSize);
			return Flux.from(chunks).concatMapIterable(parser::feed);
		});
	}
}
