package io.github.reactorasyncio.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.AsyncIterator;
import io.github.reactorasyncio.Event;
import io.github.reactorasyncio.Task;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ServerSentEvents} against a Reactor Netty server that streams events in odd chunks. */
@ExtendWith(NettyLeakCheck.class)
@Timeout(30)
class ServerSentEventsTest {

	/** The stream, cut into chunks inside a CRLF, inside a field name and inside a two-byte character. */
	static final byte[] STREAM = (": hello\r\nid: 1\r\ndata: first\r\ndata: sécond\r\n\r\nevent: tick\nretry: 250\n"
			+ "data: {\"n\":2}\n\ndata: unfinished").getBytes(StandardCharsets.UTF_8);
	static final int[] CUTS = {8, 20, 37, 44, 48, 60, 75, 90};

	static final AtomicInteger endlessClosed = new AtomicInteger();
	static final CountDownLatch endlessGone = new CountDownLatch(1);
	@RegisterExtension
	static final TestServer server = TestServer.routing(r -> r
						.get("/events", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
								.header("X-Accept", String.valueOf(req.requestHeaders().get(HttpHeaderNames.ACCEPT)))
								.header("X-Last-Event-Id", String.valueOf(req.requestHeaders().get("Last-Event-ID")))
								.sendByteArray(Flux.fromIterable(chunks()).delayElements(Duration.ofMillis(2))))
						.get("/headers", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
								.sendString(Mono.just("data: accept=" + req.requestHeaders().get(HttpHeaderNames.ACCEPT)
										+ "\ndata: last=" + req.requestHeaders().get("Last-Event-ID") + "\n\n")))
						.get("/plain", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "text/plain")
								.sendString(Mono.just("data: not events\n\n")))
						.get("/missing", (req, res) -> res.status(404).sendString(Mono.just("no such stream")))
						.get("/drop", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
								.sendString(Flux.just("data: a\n\n", "data: half of b").delayElements(Duration.ofMillis(5))
										.concatWith(Mono.error(new IllegalStateException("server crashed")))))
						.get("/endless", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
								.sendString(Flux.interval(Duration.ofMillis(5)).map(i -> "data: " + i + "\n\n")
										.doOnCancel(() -> {
											endlessClosed.incrementAndGet();
											endlessGone.countDown();
										})))
						.get("/huge", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
								.sendString(Flux.range(0, 300).map(i -> "data: " + "x".repeat(1000) + "\n"))));
	static ClientSession session;

	@BeforeAll
	static void start() {
		session = ClientSession.builder().baseUrl(server.url("/")).build();
	}

	@AfterAll
	static void stop() {
		session.close();
	}

	static List<byte[]> chunks() {
		List<byte[]> out = new ArrayList<>();
		int from = 0;
		for (int cut : CUTS) {
			out.add(Arrays.copyOfRange(STREAM, from, cut));
			from = cut;
		}
		out.add(Arrays.copyOfRange(STREAM, from, STREAM.length));
		return out;
	}

	@Test
	void theChunksCutEverywhereHard() {
		String s = new String(STREAM, StandardCharsets.UTF_8);
		assertThat(new String(STREAM, 0, 8, StandardCharsets.UTF_8)).isEqualTo(": hello\r");
		assertThat(STREAM[37] & 0xff).as("the second byte of é starts a chunk").isEqualTo(0xA9);
		assertThat(new String(STREAM, 42, 4, StandardCharsets.UTF_8)).as("a chunk starts inside CRLF CRLF")
				.isEqualTo("\r\n\r\n");
		assertThat(s).contains("unfinished");
	}

	@Test
	void eventsAreParsedFromOddChunksAndTheUnfinishedOneIsDropped() {
		StepVerifier.create(ServerSentEvents.stream(session, "events"))
				.expectNext(ServerSentEvent.of("1", "message", "first\nsécond", null))
				.expectNext(ServerSentEvent.of("1", "tick", "{\"n\":2}", Duration.ofMillis(250)))
				.verifyComplete();
	}

	@Test
	void aCoroutineIteratesTheEvents() throws Exception {
		List<String> got = Async.run(() -> {
			List<String> out = new ArrayList<>();
			try (AsyncIterator<ServerSentEvent> events = Async.iterate(ServerSentEvents.stream(session, "events"))) {
				while (events.hasNext()) {
					ServerSentEvent e = events.next();
					out.add(e.event() + ":" + e.data());
				}
			}
			return out;
		});
		assertThat(got).containsExactly("message:first\nsécond", "tick:{\"n\":2}");
	}

	@Test
	void theRequestAcceptsEventStreamsAndCarriesTheLastEventId() {
		StepVerifier.create(ServerSentEvents.stream(session, "headers", RequestOptions.builder()
				.header("Last-Event-ID", "41").build()))
				.expectNext(ServerSentEvent.message("accept=text/event-stream\nlast=41"))
				.verifyComplete();
	}

	@Test
	void aResponseThatIsNotAnEventStreamFailsWithItsStatusAndType() {
		StepVerifier.create(ServerSentEvents.stream(session, "plain"))
				.expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ClientException.class)
						.hasMessageContaining("200").hasMessageContaining("'text/plain'"))
				.verify();
		StepVerifier.create(ServerSentEvents.stream(session, "missing"))
				.expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ClientException.class)
						.hasMessageContaining("404"))
				.verify();
	}

	@Test
	void aServerThatDiesMidEventFailsAfterTheEventsBefore() {
		StepVerifier.create(ServerSentEvents.stream(session, "drop"))
				.expectNext(ServerSentEvent.message("a"))
				.expectError(ClientConnectionException.class)
				.verify();
	}

	@Test
	void anEventOverTheLimitFailsAndClosesTheStream() throws Exception {
		Throwable error = Async.run(() -> {
			try (ClientResponse r = Async.await(session.get("huge"))) {
				Async.await(ServerSentEvents.from(r, 64 * 1024).then());
				return null;
			}
			catch (ClientException e) {
				return e;
			}
		});
		assertThat(error).hasMessageContaining("larger than the limit of 65536");
	}

	@Test
	void cancellingTheCoroutineWhileItReadsClosesTheConnection() throws Exception {
		List<String> got = new ArrayList<>();
		boolean cancelled = Async.run(() -> {
			Event third = Event.create();
			Task<Void> reader = Async.createTask(() -> {
				try (AsyncIterator<ServerSentEvent> events = Async.iterate(ServerSentEvents.stream(session, "endless"))) {
					while (events.hasNext()) {
						got.add(events.next().data());
						if (got.size() == 3) {
							third.set();
						}
					}
				}
				return null;
			});
			third.await();
			reader.cancel();
			try {
				Async.await(reader);
				return false;
			}
			catch (Throwable e) {
				return reader.isCancelled();
			}
		});
		assertThat(cancelled).isTrue();
		assertThat(got).startsWith("0", "1", "2");
		assertThat(endlessGone.await(10, TimeUnit.SECONDS)).as("the server saw the connection close").isTrue();
	}
}
