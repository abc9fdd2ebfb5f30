package io.github.reactorasyncio.http;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.ssl.NotSslRecordException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.SslProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A server that breaks HTTP on purpose (issue 11, items 6, 9, 10): every failure is typed, keeps its cause,
 * says what the peer did, and leaves no connection in the pool in an unknown state. Each test uses a pool of
 * one connection, so a connection held or poisoned by the failure would fail or stall the next request.
 * The read timeout (5 minutes) is far longer than any wait here, so a request that waited for it would fail
 * the test's own bounded wait instead.
 *
 * <p>After the class, the fault matrix (failure | error type | time to fail | connection released) is
 * printed from what the tests measured.
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(60)
class HostilePeerTest {

	static final Duration WAIT = Duration.ofSeconds(20);
	static final Map<String, String> MATRIX = new ConcurrentHashMap<>();
	static final CountDownLatch STRAY_BYTES_CLOSED = new CountDownLatch(1);

	@RegisterExtension
	static final RawServer raw = new RawServer()
			.route("/early-hints", ex -> ex.send("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n")
					.pause(Duration.ofMillis(200)).send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal"))
			.route("/processing", ex -> ex.send("HTTP/1.1 102 Processing\r\n\r\n")
					.pause(Duration.ofMillis(200)).send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal"))
			.route("/interim-same-packet", ex -> ex.send("HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
					+ "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal"))
			.route("/204-with-length", ex -> ex.send("HTTP/1.1 204 No Content\r\nContent-Length: 8\r\n\r\nsurprise"))
			.route("/204-with-body", ex -> ex.send("HTTP/1.1 204 No Content\r\n\r\nsurprise"))
			// legitimate: a 304 may announce the length of the representation it does not send
			.route("/304-with-length", ex -> ex.send("HTTP/1.1 304 Not Modified\r\nContent-Length: 1234\r\nETag: \"x\"\r\n\r\n"))
			.route("/204-body-later", ex -> {
				ex.send("HTTP/1.1 204 No Content\r\n\r\n").pause(Duration.ofMillis(100)).send("surprise");
				ex.stall(); // until the client closes the connection
				STRAY_BYTES_CLOSED.countDown();
			})
			.route("/bad-status", ex -> ex.send("HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n"))
			.route("/not-http", ex -> ex.send("garbage garbage\r\n\r\n"))
			.route("/dup-length", ex -> ex.send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"))
			.route("/bad-length", ex -> ex.send("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nhello"))
			.route("/bad-chunk", ex -> ex.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\nhello\r\n0\r\n\r\n"))
			.route("/huge-header", ex -> ex.send("HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(9000) + "\r\nContent-Length: 2\r\n\r\nok"))
			.route("/gzip-corrupt", ex -> ex.send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\n"
					+ "Content-Length: 15\r\n\r\nnot gzip at all"))
			// a corrupt gzip body that arrives after the headers, so it fails the read, not the response
			.route("/gzip-corrupt-later", ex -> ex.send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\n"
					+ "Transfer-Encoding: chunked\r\n\r\n").pause(Duration.ofMillis(100))
					.send("f\r\nnot gzip at all\r\n0\r\n\r\n"))
			.route("/redirect-ftp", ex -> ex.send("HTTP/1.1 302 Found\r\nLocation: ftp://example.com/x\r\nContent-Length: 0\r\n\r\n"))
			.route("/redirect-unparsable", ex -> ex.send("HTTP/1.1 302 Found\r\nLocation: http://[::1\r\nContent-Length: 0\r\n\r\n"))
			.route("/reset", RawServer.Exchange::reset)
			.route("/close-before-response", RawServer.Exchange::close)
			.route("/close-mid-body", ex -> {
				ex.send("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\nthe beginning").pause(Duration.ofMillis(50));
				ex.close();
			})
			.route("/stall-headers", RawServer.Exchange::stall)
			.route("/stall-body", ex -> {
				ex.send("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\nthe beginning");
				ex.stall();
			})
			.route("/endless", ex -> {
				ex.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
				byte[] chunk = new byte[64 * 1024];
				for (int i = 0; i < 20 * 16; i++) {
					ex.send(Integer.toHexString(chunk.length) + "\r\n").send(chunk).send("\r\n");
				}
				ex.send("0\r\n\r\n");
			})
			.route("/ok", ex -> ex.respond(200, "OK", "fine"));

	/** The TLS handshake of a client goes unanswered: the port accepts and stays silent. */
	@RegisterExtension
	static final RawServer silentTls = new RawServer().onTls(RawServer.Exchange::stall);

	private static ClientSession session() {
		return ClientSession.builder().maxConnections(1).readTimeout(Duration.ofMinutes(5)).build();
	}

	/** Runs the request, checks its failure, then that the pool of one still serves a request; records a row. */
	private static void fails(String failure, String path, Class<? extends Throwable> type, Consumer<Throwable> check) {
		fails(failure, raw.url(path), r -> r.text(), type, check);
	}

	private static void fails(String failure, String url, java.util.function.Function<ClientResponse, Mono<?>> read,
			Class<? extends Throwable> type, Consumer<Throwable> check) {
		fails(failure, ClientSession.builder().readTimeout(Duration.ofMinutes(5)), url, read, type, check);
	}

	private static void fails(String failure, ClientSession.Builder builder, String url,
			java.util.function.Function<ClientResponse, Mono<?>> read, Class<? extends Throwable> type,
			Consumer<Throwable> check) {
		try (ClientSession session = builder.maxConnections(1).build()) {
			long start = System.nanoTime();
			Throwable error = null;
			try {
				session.get(url).flatMap(read).block(WAIT);
			}
			catch (Throwable e) {
				error = Exceptions.unwrap(e);
			}
			long ms = (System.nanoTime() - start) / 1_000_000;
			if (error == null) {
				fail(failure + ": no error");
			}
			assertThat(error).isInstanceOf(type);
			assertThat(error.getMessage()).contains(url.startsWith("http://127") || url.startsWith("https://127")
					? url.replaceFirst("^https?://", "").replaceFirst("/.*", "") : "");
			check.accept(error);
			int before = raw.connections();
			assertThat(session.get(raw.url("/ok")).flatMap(ClientResponse::text).block(WAIT)).isEqualTo("fine");
			MATRIX.put(failure, error.getClass().getSimpleName() + " | " + ms + " ms | yes (next request on a pool of "
					+ "one: " + (raw.connections() > before ? "new connection" : "reused") + ")");
		}
	}

	@AfterAll
	static void printMatrix() {
		StringBuilder b = new StringBuilder("\n| failure | error type | time to fail | connection released |\n|---|---|---|---|\n");
		MATRIX.entrySet().stream().sorted(Map.Entry.comparingByKey())
				.forEach(e -> b.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n"));
		System.out.println(b);
	}

	// ---- item 6: interim responses and bodiless statuses

	@Test
	void interimResponsesAreSkippedAndTheFinalOneIsReturned() {
		for (String path : List.of("/early-hints", "/processing", "/interim-same-packet")) {
			try (ClientSession session = session()) {
				int before = raw.connections();
				try (ClientResponse r = session.get(raw.url(path)).block(WAIT)) {
					assertThat(r.status()).as(path).isEqualTo(200);
					assertThat(r.text().block(WAIT)).isEqualTo("final");
				}
				// the next request gets its own response, on the same (clean) connection
				assertThat(session.get(raw.url("/ok")).flatMap(ClientResponse::text).block(WAIT)).isEqualTo("fine");
				assertThat(raw.connections() - before).as(path + ": connections").isEqualTo(1);
				MATRIX.put("interim 1xx then 200 (" + path + ")", "none: the 200 is the response | - | "
						+ "reused, clean (next request's own response)");
			}
		}
	}

	@Test
	void a204WithABodyNeverPoisonsTheNextRequest() {
		for (String path : List.of("/204-with-length", "/204-with-body", "/204-body-later")) {
			try (ClientSession session = session()) {
				int before = raw.connections();
				try (ClientResponse r = session.get(raw.url(path)).block(WAIT)) {
					assertThat(r.status()).isEqualTo(204);
					assertThat(r.text().block(WAIT)).isEmpty();
				}
				if (path.equals("/204-body-later")) {
					// the stray bytes arrive while the connection is idle in the pool, and the client closes it
					assertThat(await(STRAY_BYTES_CLOSED)).as("the idle connection was closed").isTrue();
				}
				assertThat(session.get(raw.url("/ok")).flatMap(ClientResponse::text).block(WAIT)).as(path).isEqualTo("fine");
				// the connection in an unknown state was closed, not pooled: the next request opened another
				assertThat(raw.connections() - before).as(path + ": connections").isEqualTo(2);
				MATRIX.put("204 with a body (" + path + ")", "none (response is 204, stray bytes dropped) | at once | "
						+ "closed, not pooled (next request on a new connection)");
			}
		}
	}

	@Test
	void a304WithAContentLengthKeepsItsConnection() {
		try (ClientSession session = session()) {
			int before = raw.connections();
			try (ClientResponse r = session.get(raw.url("/304-with-length")).block(WAIT)) {
				assertThat(r.status()).isEqualTo(304);
				assertThat(r.text().block(WAIT)).isEmpty();
			}
			assertThat(session.get(raw.url("/ok")).flatMap(ClientResponse::text).block(WAIT)).isEqualTo("fine");
			assertThat(raw.connections() - before).as("connections").isEqualTo(1);
		}
	}

	private static boolean await(CountDownLatch latch) {
		try {
			return latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	// ---- item 10: every failure typed

	@Test
	void aMalformedStatusLine() {
		fails("malformed status line", "/bad-status", MalformedResponseException.class, e -> assertThat(e)
				.hasMessageContaining("malformed status line").hasCauseInstanceOf(NumberFormatException.class));
		fails("not HTTP at all", "/not-http", MalformedResponseException.class, e -> assertThat(e)
				.hasMessageContaining("malformed status line").hasMessageContaining("GARBAGE")
				.hasCauseInstanceOf(IllegalArgumentException.class));
	}

	@Test
	void aBadOrDuplicateContentLength() {
		fails("duplicate Content-Length", "/dup-length", MalformedResponseException.class,
				e -> assertThat(e).hasMessageContaining("bad Content-Length").hasMessageContaining("Multiple"));
		fails("non-numeric Content-Length", "/bad-length", MalformedResponseException.class,
				e -> assertThat(e).hasMessageContaining("bad Content-Length").hasMessageContaining("abc"));
	}

	@Test
	void anInvalidChunkSize() {
		fails("invalid chunk size", "/bad-chunk", MalformedResponseException.class,
				e -> assertThat(e).hasMessageContaining("invalid chunk size").hasCauseInstanceOf(NumberFormatException.class));
	}

	@Test
	void headersOver8KiB() {
		fails("header over 8 KiB", "/huge-header", MalformedResponseException.class,
				e -> assertThat(e).hasMessageContaining("over the limit of 8 KiB")
						.hasCauseInstanceOf(TooLongHttpHeaderException.class));
	}

	@Test
	void aCorruptGzipBody() {
		fails("corrupt gzip body (read with the headers)", "/gzip-corrupt", ClientPayloadException.class,
				e -> assertThat(e).hasMessageContaining("cannot be decompressed")
						.hasCauseInstanceOf(DecompressionException.class));
		fails("corrupt gzip body (failed body read)", "/gzip-corrupt-later", ClientPayloadException.class,
				e -> assertThat(e).hasCauseInstanceOf(DecompressionException.class));
		fails("corrupt gzip body (failed stream)", raw.url("/gzip-corrupt-later"), r -> r.content().then(),
				ClientPayloadException.class, e -> assertThat(e).hasCauseInstanceOf(DecompressionException.class));
	}

	@Test
	void aRedirectThatCannotBeFollowed() {
		fails("redirect to an unsupported scheme", "/redirect-ftp", MalformedResponseException.class,
				e -> assertThat(e).hasMessageContaining("Location that cannot be followed").hasMessageContaining("ftp")
						.hasCauseInstanceOf(IllegalArgumentException.class));
		fails("redirect to an unparsable Location", "/redirect-unparsable", MalformedResponseException.class,
				e -> assertThat(e).hasMessageContaining("Location that cannot be followed")
						.hasMessageContaining("http://[::1"));
	}

	@Test
	void tlsToAPlainHttpPort() {
		fails("TLS to a plain-HTTP port", "https://127.0.0.1:" + raw.port() + "/ok", ClientResponse::text,
				ClientSslException.class, e -> assertThat(e).hasMessageContaining("plain text")
						.hasMessageContaining("http://").hasCauseInstanceOf(NotSslRecordException.class));
	}

	@Test
	void aTlsHandshakeThatStallsFollowsTheConnectTimeout() {
		// the handshake timer is the session's connect timeout, not Netty's fixed 10 s: the test's own wait
		// (8 s) is shorter than that, so a fixed 10 s timer fails it
		try (ClientSession session = ClientSession.builder().connectTimeout(Duration.ofMillis(300)).build()) {
			long start = System.nanoTime();
			Throwable error = null;
			try {
				session.get("https://127.0.0.1:" + silentTls.port() + "/").block(Duration.ofSeconds(8));
			}
			catch (Throwable e) {
				error = Exceptions.unwrap(e);
			}
			long ms = (System.nanoTime() - start) / 1_000_000;
			assertThat(error).isInstanceOfSatisfying(ClientTimeoutException.class, t -> {
				assertThat(t.kind()).isEqualTo(ClientTimeoutException.Kind.CONNECT);
				assertThat(t.timeout()).isEqualTo(Duration.ofMillis(300));
			});
			MATRIX.put("TLS handshake never answered (connect timeout 300 ms)", "ClientTimeoutException (CONNECT) | "
					+ ms + " ms | yes (connection closed)");
		}
	}

	@Test
	void aPortOutOfRangeIsAnInvalidUrl() {
		try (ClientSession session = session()) {
			Throwable error = null;
			try {
				session.get("http://127.0.0.1:70000/").block(WAIT);
			}
			catch (Throwable e) {
				error = e;
			}
			assertThat(error).isInstanceOfSatisfying(InvalidUrlException.class,
					e -> assertThat(e).hasMessageContaining("70000").hasMessageContaining("1 to 65535"));
			MATRIX.put("port out of range", "InvalidUrlException | at once | nothing was sent");
		}
	}

	@Test
	void aConnectionThatBreaks() {
		fails("connection reset before the response", "/reset", ClientConnectionException.class,
				e -> assertThat(e).hasMessageContaining("reset"));
		fails("connection closed before the response", "/close-before-response", ClientConnectionException.class,
				e -> assertThat(e).hasMessageContaining("closed the connection before it sent a response"));
		fails("connection closed mid-body", "/close-mid-body", ClientConnectionException.class,
				e -> assertThat(e).hasMessageContaining("in the middle of the response"));
	}

	@Test
	void aServerThatStalls() {
		ClientSession.Builder quick = ClientSession.builder().readTimeout(Duration.ofMillis(300));
		fails("no response (read timeout 300 ms)", quick, raw.url("/stall-headers"), ClientResponse::text,
				ClientTimeoutException.class,
				e -> assertThat(((ClientTimeoutException) e).kind()).isEqualTo(ClientTimeoutException.Kind.READ));
		fails("body stalls (read timeout 300 ms)", ClientSession.builder().readTimeout(Duration.ofMillis(300)),
				raw.url("/stall-body"), ClientResponse::text, ClientTimeoutException.class,
				e -> assertThat(((ClientTimeoutException) e).kind()).isEqualTo(ClientTimeoutException.Kind.READ));
		fails("body stalls (total timeout 500 ms)", ClientSession.builder().totalTimeout(Duration.ofMillis(500)),
				raw.url("/stall-body"), ClientResponse::text, ClientTimeoutException.class,
				e -> assertThat(((ClientTimeoutException) e).kind()).isEqualTo(ClientTimeoutException.Kind.TOTAL));
	}

	@Test
	void anEndlessBodyHitsTheLimit() {
		fails("endless chunked body (limit 1 MiB)", ClientSession.builder().maxBodyBytes(1024 * 1024),
				raw.url("/endless"), ClientResponse::read, BodyTooLargeException.class,
				e -> assertThat(e).hasMessageContaining("1048576"));
	}

	@Test
	void anUnderscoreHostIsReportedAsSuch() {
		try (ClientSession session = session()) {
			Throwable error = null;
			try {
				session.get("http://my_host:8080/x").block(WAIT);
			}
			catch (Throwable e) {
				error = e;
			}
			assertThat(error).isInstanceOfSatisfying(InvalidUrlException.class, e -> assertThat(e)
					.hasMessageContaining("'my_host:8080' contains '_'").hasMessageNotContaining("no host"));
			MATRIX.put("underscore in the host", "InvalidUrlException | at once | nothing was sent");
		}
	}

	// ---- item 10: direct-memory exhaustion, simulated: Netty's own error, as its allocator throws it

	@Test
	void directMemoryRunningOutWhileSendingIsTypedAndReleasesTheConnection() throws Exception {
		java.lang.reflect.Constructor<? extends OutOfMemoryError> c = Class
				.forName("io.netty.util.internal.OutOfDirectMemoryError").asSubclass(OutOfMemoryError.class)
				.getDeclaredConstructor(String.class);
		c.setAccessible(true);
		OutOfMemoryError netty = c.newInstance("failed to allocate 16777216 byte(s) of direct memory (used: "
				+ "251658240, max: 268435456)");
		OutOfMemoryError jdk = new OutOfMemoryError("Direct buffer memory");
		for (OutOfMemoryError oom : List.of(netty, jdk)) {
			try (ClientSession session = session()) {
				String url = raw.url("/stall-headers");
				RequestBody body = RequestBody.stream(Flux.concat(Flux.just(ByteBuffer.wrap("the start".getBytes())),
						Flux.error(oom)), "application/octet-stream");
				long start = System.nanoTime();
				Throwable error = null;
				try {
					session.post(url, body).block(WAIT);
				}
				catch (Throwable e) {
					error = Exceptions.unwrap(e);
				}
				long ms = (System.nanoTime() - start) / 1_000_000;
				assertThat(error).isInstanceOf(ClientPayloadException.class)
						.hasMessageContaining("POST " + url)
						.hasMessageContaining("direct memory ran out")
						.hasMessageContaining("maxBodyBytes").hasMessageContaining("content()");
				assertThat(error.getCause()).isSameAs(oom);
				assertThat(session.get(raw.url("/ok")).flatMap(ClientResponse::text).block(WAIT)).isEqualTo("fine");
				MATRIX.put("direct memory runs out (" + oom.getClass().getSimpleName() + ")",
						"ClientPayloadException | " + ms + " ms | yes (next request on a pool of one)");
			}
		}
	}

	/*
	 * Direct memory running out inside Netty's own HTTP encoder, as it allocates the buffer for the request's head
	 * or for the size line of a streamed body's chunk: Netty wraps the error in an EncoderException, which fails
	 * the write; it is typed as when the body's own stream runs out (above), with Netty's error as the cause, and
	 * the connection is closed, not pooled. (A loose end of issue 11: this was typed already, through the causes,
	 * but no test said so.) Netty's allocator for the connection fails once, at that spot.
	 */
	@Test
	void directMemoryRunningOutInsideNettysEncoderIsTypedAndReleasesTheConnection() throws Exception {
		record Case(String what, String encoderMethod, RequestBody body) {
		}
		List<Case> cases = List.of(
				new Case("the request head", "encodeFullHttpMessage", RequestBody.bytes("a body of known length".getBytes())),
				new Case("a chunk's size line", "encodeChunkedHttpContent", RequestBody.stream(
						Flux.just(ByteBuffer.wrap("a streamed body".getBytes())), "application/octet-stream")));
		for (Case c : cases) {
			OutOfMemoryError oom = nettyOutOfDirectMemory();
			FailingAllocator allocator = new FailingAllocator(f -> f.getClassName().startsWith(
					"io.netty.handler.codec.http.HttpObjectEncoder") && f.getMethodName().equals(c.encoderMethod()), oom);
			try (ClientSession session = session()) {
				allocator.install(session);
				allocator.arm();
				String url = raw.url("/stall-headers");
				long start = System.nanoTime();
				Throwable error = null;
				try {
					session.post(url, c.body()).block(WAIT);
				}
				catch (Throwable e) {
					error = Exceptions.unwrap(e);
				}
				long ms = (System.nanoTime() - start) / 1_000_000;
				assertThat(allocator.failed()).as("Netty's encoder allocated in %s", c.encoderMethod()).isTrue();
				assertThat(error).as(c.what()).isInstanceOf(ClientPayloadException.class)
						.hasMessageContaining("POST " + url)
						.hasMessageContaining("direct memory ran out");
				assertThat(error.getCause()).isSameAs(oom);
				assertThat(session.get(raw.url("/ok")).flatMap(ClientResponse::text).block(WAIT)).isEqualTo("fine");
				MATRIX.put("direct memory runs out in Netty's encoder (" + c.what() + ")",
						"ClientPayloadException | " + ms + " ms | yes (next request on a pool of one)");
			}
		}
	}

	/*
	 * Plain http too: the transport copies a heap buffer of a streamed body into direct memory before writing it,
	 * and that allocation running out failed the write with the raw OutOfMemoryError, which Reactor Netty's
	 * listener rethrew and nobody saw: the request went on without that part of its body (against a server that
	 * answers, it got the answer; against this one, it waited for its total timeout).
	 */
	@Test
	void directMemoryRunningOutInTheTransportsCopyOfAPlainBodyIsTypedAndClosesTheConnection() throws Exception {
		OutOfMemoryError oom = nettyOutOfDirectMemory();
		FailingAllocator allocator = new FailingAllocator(f -> f.getClassName().startsWith("io.netty.channel.")
				&& f.getMethodName().equals("newDirectBuffer"), oom);
		try (ClientSession session = ClientSession.builder().maxConnections(1).readTimeout(Duration.ofMinutes(5))
				.totalTimeout(WAIT.multipliedBy(2)).build()) {
			allocator.install(session);
			allocator.arm();
			String url = raw.url("/stall-headers");
			RequestBody body = RequestBody.stream(Flux.range(0, 8).map(i -> ByteBuffer.wrap(new byte[8192])),
					"application/octet-stream");
			long start = System.nanoTime();
			Throwable error = null;
			try {
				session.post(url, body).block(WAIT);
			}
			catch (Throwable e) {
				error = Exceptions.unwrap(e);
			}
			long ms = (System.nanoTime() - start) / 1_000_000;
			assertThat(allocator.failed()).as("the transport copied a heap buffer to direct memory").isTrue();
			assertThat(error).isInstanceOf(ClientPayloadException.class).hasMessageContaining("POST " + url)
					.hasMessageContaining("direct memory ran out");
			assertThat(error.getCause()).isSameAs(oom);
			assertThat(session.get(raw.url("/ok")).flatMap(ClientResponse::text).block(WAIT)).isEqualTo("fine");
			MATRIX.put("direct memory runs out in Netty's transport's copy of a plain streamed body",
					"ClientPayloadException | " + ms + " ms | yes (next request on a pool of one)");
		}
	}

	/*
	 * The same over TLS, where Netty's TLS handler encrypts what the HTTP encoder wrote into a buffer of its own,
	 * and the transport copies that heap buffer into direct memory before writing it to the socket: either
	 * allocation running out fails the request with ClientPayloadException and closes the connection. Both fail
	 * the write with the raw OutOfMemoryError, which Reactor Netty's listener rethrows instead of passing on.
	 * Before (measured with this test): the TLS handler's case was typed, but the connection stayed checked out
	 * and the next request on the pool of one waited for its total timeout; the transport's case failed a request
	 * of known length with Netty's DecoderException(IllegalReferenceCountException), the connection again held,
	 * and left a streamed request waiting for its total timeout. Typing the error alone was not enough: the
	 * pooled connection had lost a TLS record, and the next request on it failed with bad_record_mac.
	 */
	@Test
	void directMemoryRunningOutInNettysTlsHandlerOrTransportIsTypedAndReleasesTheConnection() throws Exception {
		SelfSigned cert = SelfSigned.generate("server");
		DisposableServer https = HttpServer.create().host("127.0.0.1").port(0)
				.secure(spec -> spec.sslContext((SslProvider.GenericSslContextSpec<?>) Http11SslContextSpec
						.forServer(cert.key(), cert.certificate())))
				.handle((req, res) -> res.sendString(req.receive().aggregate().asString().defaultIfEmpty("")
						.map(body -> "got " + body.length())))
				.bindNow();
		try {
			record Case(String what, String className, String method, RequestBody body) {
			}
			List<Case> cases = List.of(
					new Case("TLS record of a request", "io.netty.handler.ssl.SslHandler", "allocateOutNetBuf",
							RequestBody.bytes("a body of known length".getBytes())),
					new Case("transport's copy of a request", "io.netty.channel.", "newDirectBuffer",
							RequestBody.bytes("a body of known length".getBytes())),
					new Case("transport's copy of a streamed body", "io.netty.channel.", "newDirectBuffer",
							RequestBody.stream(Flux.range(0, 8).map(i -> ByteBuffer.wrap(new byte[8192])),
									"application/octet-stream")));
			for (Case c : cases) {
				OutOfMemoryError oom = nettyOutOfDirectMemory();
				FailingAllocator allocator = new FailingAllocator(f -> f.getClassName().startsWith(c.className())
						&& f.getMethodName().equals(c.method()), oom);
				try (ClientSession session = ClientSession.builder().maxConnections(1).readTimeout(Duration.ofMinutes(5))
						.trustCertificates(cert.certificate()).build()) {
					allocator.install(session);
					String url = "https://127.0.0.1:" + https.port() + "/x";
					// the handshake first, on the one pooled connection, so that the failure comes while writing
					assertThat(session.get(url).flatMap(ClientResponse::text).block(WAIT)).isEqualTo("got 0");
					allocator.arm();
					long start = System.nanoTime();
					Throwable error = null;
					try {
						session.post(url, c.body()).flatMap(ClientResponse::text).block(WAIT);
					}
					catch (Throwable e) {
						error = Exceptions.unwrap(e);
					}
					long ms = (System.nanoTime() - start) / 1_000_000;
					assertThat(allocator.failed()).as("Netty allocated in %s.%s", c.className(), c.method()).isTrue();
					assertThat(error).as(c.what()).isInstanceOf(ClientPayloadException.class)
							.hasMessageContaining("POST " + url)
							.hasMessageContaining("direct memory ran out");
					assertThat(error.getCause()).isSameAs(oom);
					assertThat(session.get(url).flatMap(ClientResponse::text).block(WAIT)).as("the next request")
							.isEqualTo("got 0");
					MATRIX.put("direct memory runs out in Netty's " + c.what(),
							"ClientPayloadException | " + ms + " ms | yes (next request on a pool of one)");
				}
			}
		}
		finally {
			https.disposeNow();
		}
	}

	private static OutOfMemoryError nettyOutOfDirectMemory() throws ReflectiveOperationException {
		java.lang.reflect.Constructor<? extends OutOfMemoryError> c = Class
				.forName("io.netty.util.internal.OutOfDirectMemoryError").asSubclass(OutOfMemoryError.class)
				.getDeclaredConstructor(String.class);
		c.setAccessible(true);
		return c.newInstance("failed to allocate 4194304 byte(s) of direct memory (used: 264241152, max: 268435456)");
	}

	// ---- item 9: a failed read releases its connection at once

	@Test
	void aFailedBodyReadDisposesTheConnectionAtOnce() {
		try (ClientSession session = session()) {
			ClientResponse r = session.get(raw.url("/gzip-corrupt-later")).block(WAIT);
			Throwable error = null;
			try {
				r.text().block(WAIT);
			}
			catch (Throwable e) {
				error = e;
			}
			assertThat(error).isInstanceOf(ClientPayloadException.class);
			assertThat(r.state()).isEqualTo(ClientResponse.State.CONSUMED);
			// bounded far below the read timeout (5 minutes) a held connection would wait for
			assertThat(session.get(raw.url("/ok")).flatMap(ClientResponse::text).block(WAIT)).isEqualTo("fine");
		}
	}
}
