package io.github.reactorasyncio.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A Reactor Netty server on a random loopback port with the routes the tests need. Each test class
 * starts one and closes it.
 */
final class TestServer implements AutoCloseable {

	static final String USER_JSON = "{\"login\":\"iliakan\",\"id\":349336,\"name\":\"Ilya Kantor\"}";
	static final int LARGE_SIZE = 1024 * 1024;

	final AtomicInteger requests = new AtomicInteger();
	private final DisposableServer server;

	TestServer() {
		server = HttpServer.create()
				.host("127.0.0.1")
				.port(0)
				.route(r -> r
						.get("/user", (req, res) -> {
							requests.incrementAndGet();
							return res.header(HttpHeaderNames.CONTENT_TYPE, "application/json").sendString(Mono.just(USER_JSON));
						})
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
										.sendString(Mono.just(USER_JSON)).then())))
				.bindNow();
	}

	String url(String path) {
		return "http://127.0.0.1:" + server.port() + path;
	}

	int port() {
		return server.port();
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
	public void close() {
		server.disposeNow(Duration.ofSeconds(5));
	}
}
