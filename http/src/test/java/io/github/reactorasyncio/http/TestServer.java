package io.github.reactorasyncio.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * A real Reactor Netty server on a random 127.0.0.1 port, as a JUnit 5 extension: the one test server of
 * the http tests (as {@link NettyLeakCheck} is their one leak check).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestServer server = TestServer.standard();   // started before the class, stopped after
 *
 * @RegisterExtension
 * final TestServer gated = TestServer.handling((req, res) -> ...);   // an instance field: one per test
 * }</pre>
 *
 * A static field gets a server for the whole class, an instance field one per test; a test may also
 * {@link #start()} one itself in try-with-resources. {@link #requests()} counts every request that reached
 * it, whatever the route, so a test can prove that nothing was sent. Registered after
 * {@code @ExtendWith(NettyLeakCheck.class)} on the class, it is stopped before the leak check runs.
 */
final class TestServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
		AutoCloseable {

	static final String USER_JSON = "{\"login\":\"iliakan\",\"id\":349336,\"name\":\"Ilya Kantor\"}";
	static final int LARGE_SIZE = 1024 * 1024;

	private final BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler;
	private final AtomicInteger requests = new AtomicInteger();
	private @Nullable DisposableServer server;
	private boolean perTest;

	private TestServer(BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
		this.handler = handler;
	}

	/** The routes most tests use: JSON, text, bodies of every size and shape, redirects, stalls, resets. */
	static TestServer standard() {
		return new TestServer(standardRoutes(HttpServerRoutes.newRoutes()));
	}

	/** A server with the given routes, such as {@code r -> r.get("/login", ...).get("/**", ...)}. */
	static TestServer routing(Consumer<HttpServerRoutes> routes) {
		HttpServerRoutes r = HttpServerRoutes.newRoutes();
		routes.accept(r);
		return new TestServer(r);
	}

	/** A server that answers every request with {@code handler}. */
	static TestServer handling(BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
		return new TestServer(Objects.requireNonNull(handler, "handler"));
	}

	private static HttpServerRoutes standardRoutes(HttpServerRoutes r) {
		return r
			.get("/user", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "application/json").sendString(Mono.just(USER_JSON)))
			.get("/users/{n}", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.sendString(Mono.just("{\"login\":\"user" + req.param("n") + "\"}")))
			.get("/text", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
					.sendString(Mono.just("héllo wörld")))
			.get("/latin1", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=ISO-8859-1")
					.sendByteArray(Mono.just("café".getBytes(StandardCharsets.ISO_8859_1))))
			.get("/html", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "text/html")
					.sendString(Mono.just("<html><body>Service Unavailable</body></html>")))
			.get("/json-as-text", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "text/plain")
					.sendString(Mono.just("{\"a\":1}")))
			.get("/null", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.sendString(Mono.just("null")))
			.get("/list", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.sendString(Mono.just("[{\"login\":\"a\",\"id\":1,\"name\":\"A\"},{\"login\":\"b\",\"id\":2,\"name\":\"B\"}]")))
			.get("/malformed", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.sendString(Mono.just("{\"login\": \"x\",\n  \"id\": ,}")))
			.get("/empty", (req, res) -> res.status(204).send())
			.get("/large", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
					// chunked: 256 chunks of 4 KiB, no Content-Length
					.sendByteArray(Flux.range(0, LARGE_SIZE / 4096).map(TestServer::chunk)))
			.get("/medium", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
					// 8 KiB in 8 flushed chunks: more than one read, less than the drain limit
					.sendByteArray(Flux.range(0, 8).map(i -> new byte[1024])))
			.get("/lines", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "text/plain")
					.sendString(Flux.just("one\r\ntw", "o\nthr", "ee\n", "four")))
			.get("/gzip", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "text/plain")
					.header(HttpHeaderNames.CONTENT_ENCODING, "gzip")
					.header("X-Accept-Encoding", String.valueOf(req.requestHeaders().get(HttpHeaderNames.ACCEPT_ENCODING)))
					.sendByteArray(Mono.just(gzip("compressed hello ".repeat(100)))))
			.get("/redirect", (req, res) -> res.sendRedirect("/user"))
			// a redirect loop that never ends: /loop/0 -> /loop/1 -> ...
			.get("/loop/{n}", (req, res) -> res.sendRedirect("/loop/" + (Integer.parseInt(req.param("n")) + 1)))
			// n redirects, then /user: /hops/3 -> /hops/2 -> /hops/1 -> /hops/0 -> /user
			.get("/hops/{n}", (req, res) -> {
				int n = Integer.parseInt(req.param("n"));
				return res.sendRedirect(n == 0 ? "/user" : "/hops/" + (n - 1));
			})
			// a POST answered "see other": the client follows with a GET (RFC 9110 15.4.4)
			.post("/see-other", (req, res) -> res.status(HttpResponseStatus.SEE_OTHER)
					.header(HttpHeaderNames.LOCATION, "/echo/after-post").send())
			// a POST redirected with 307: the client repeats the POST, body and all
			.post("/temporary", (req, res) -> res.status(HttpResponseStatus.TEMPORARY_REDIRECT)
					.header(HttpHeaderNames.LOCATION, "/echo/kept").send())
			.get("/redirect-chain", (req, res) -> res.status(HttpResponseStatus.MOVED_PERMANENTLY)
					.header(HttpHeaderNames.LOCATION, "/redirect").send())
			.get("/status/{code}", (req, res) -> res.status(Integer.parseInt(req.param("code")))
					.header(HttpHeaderNames.CONTENT_TYPE, "text/plain")
					.sendString(Mono.just("detail: something broke " + "x".repeat(3000))))
			.route(req -> req.uri().startsWith("/echo"), (req, res) -> res
					.header("X-Method", req.method().name())
					.header("X-Uri", req.uri())
					.header("X-Content-Type", String.valueOf(req.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE)))
					.header("X-Transfer-Encoding", String.valueOf(req.requestHeaders().get(HttpHeaderNames.TRANSFER_ENCODING)))
					.header("X-Token", String.valueOf(req.requestHeaders().get("X-Token")))
					.header("X-Agent", String.valueOf(req.requestHeaders().get("X-Agent")))
					.header("X-Content-Length", String.valueOf(req.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH)))
					.header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
					.send(req.receive().retain()))
			.get("/never", (req, res) -> Mono.never())
			.get("/stall-body", (req, res) -> res.header(HttpHeaderNames.CONTENT_LENGTH, "100000")
					.header(HttpHeaderNames.CONTENT_TYPE, "text/plain")
					.sendString(Flux.just("the beginning of a body that never ends").concatWith(Flux.never())))
			.get("/close-mid-body", (req, res) -> res.header(HttpHeaderNames.CONTENT_LENGTH, "100000")
					.header(HttpHeaderNames.CONTENT_TYPE, "text/plain")
					.sendString(Flux.just("the beginning").concatWith(Mono.error(new IllegalStateException("boom")))))
			.get("/reset", (req, res) -> res.withConnection(c -> {
				c.channel().config().setOption(ChannelOption.SO_LINGER, 0);
				c.channel().close();
			}).then())
			.get("/delay/{ms}", (req, res) -> Mono.delay(Duration.ofMillis(Long.parseLong(req.param("ms"))))
					.then(res.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
							.sendString(Mono.just(USER_JSON)).then()));
	}

	/** Binds the server now; returns this, so that {@code try (var s = TestServer.handling(h).start())} works. */
	synchronized TestServer start() {
		if (server == null) {
			requests.set(0);
			server = HttpServer.create()
					.host("127.0.0.1")
					.port(0)
					.handle((req, res) -> {
						requests.incrementAndGet();
						return handler.apply(req, res);
					})
					.bindNow();
		}
		return this;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		// an instance field's extension sees no beforeAll: it is the per-test server
		if (server == null) {
			perTest = true;
			start();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (perTest) {
			close();
		}
	}

	String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	int port() {
		DisposableServer s = server;
		if (s == null) {
			throw new IllegalStateException("the TestServer is not started: register it with @RegisterExtension or call start()");
		}
		return s.port();
	}

	/** {@return how many requests reached the server since it started, whatever their route} */
	int requests() {
		return requests.get();
	}

	private static byte[] chunk(int i) {
		byte[] b = new byte[4096];
		java.util.Arrays.fill(b, (byte) ('a' + i % 26));
		return b;
	}

	static byte[] gzip(String s) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
				gz.write(s.getBytes(StandardCharsets.UTF_8));
			}
			return out.toByteArray();
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	@Override
	public synchronized void close() {
		DisposableServer s = server;
		if (s != null) {
			server = null;
			s.disposeNow(Duration.ofSeconds(5));
		}
	}
}
