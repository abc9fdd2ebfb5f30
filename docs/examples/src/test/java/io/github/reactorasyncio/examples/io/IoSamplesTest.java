package io.github.reactorasyncio.examples.io;

import java.time.Duration;

import io.github.reactorasyncio.http.ClientSession;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
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

	@Test
	void thePriceStreamKeepsThePriceEventsUntilDone() throws Exception {
		// the events cut in odd places, a comment and CRLFs among them, and more after "done" that is never read
		DisposableServer prices = HttpServer.create().host("127.0.0.1").port(0)
				.route(r -> r.get("/prices", (req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
						.sendString(Flux.just(": prices\r\nid: 1\r\nevent: pri", "ce\r\ndata: 10.5\r\n\r", "\nevent: news\n",
								"data: hi\n\nid: 2\nevent: price\ndata: 11\n\nevent: done\ndata: \n\n")
								.concatWith(Flux.interval(Duration.ofMillis(10)).map(i -> "data: more\n\n")))))
				.bindNow();
		try (ClientSession session = ClientSession.create()) {
			assertThat(EventStreams.prices(session, "http://127.0.0.1:" + prices.port() + "/prices"))
					.containsExactly("1 10.5", "2 11");
		}
		finally {
			prices.disposeNow();
		}
	}

	@Test
	void theCommandsOutputIsReadLineByLine() throws Exception {
		assertThat(Subprocesses.run("/bin/sh", "-c", "echo one; echo two; exit 4"))
				.containsExactly("one", "two", "exit 4");
	}

	@Test
	void theAsyncioDocsTcpEchoRunsAsInPython() throws Exception {
		assertThat(TcpEcho.run("Hello World!")).containsExactly("client sends Hello World!",
				"server received Hello World!", "client received Hello World!");
	}

	@Test
	void theLoginCookieIsSentBack() throws Exception {
		DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
				.route(r -> r.get("/login", (req, res) -> res.addHeader(HttpHeaderNames.SET_COOKIE, "sid=42; Path=/; HttpOnly")
						.send())
						.get("/whoami", (req, res) -> res.sendString(reactor.core.publisher.Mono.just(
								"user of " + req.requestHeaders().get(HttpHeaderNames.COOKIE)))))
				.bindNow();
		try {
			assertThat(Cookies.loginThenWhoami("http://127.0.0.1:" + server.port())).isEqualTo("user of sid=42");
		}
		finally {
			server.disposeNow();
		}
	}

	@Test
	void theUploadArrivesAsAFieldAndAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
		java.nio.file.Path photo = java.nio.file.Files.write(dir.resolve("beach.jpg"), new byte[100_000]);
		DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
				.handle((req, res) -> res.sendString(req.receiveForm().map(d -> {
					try {
						return d instanceof io.netty.handler.codec.http.multipart.FileUpload f
								? d.getName() + ": " + f.getFilename() + " " + f.getContentType() + " " + d.get().length
								: d.getName() + ": " + d.getString();
					}
					catch (java.io.IOException e) {
						throw new java.io.UncheckedIOException(e);
					}
				}).collectList().map(l -> String.join(", ", l))))
				.bindNow();
		try (ClientSession session = ClientSession.create()) {
			assertThat(Uploads.upload(session, "http://127.0.0.1:" + server.port() + "/photos", "Holiday", photo))
					.isEqualTo("title: Holiday, photo: beach.jpg image/jpeg 100000");
		}
		finally {
			server.disposeNow();
		}
	}

	@Test
	void tracingLogsEachRequestsEndAndFailure() throws Exception {
		DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
				.route(r -> r.get("/ok", (req, res) -> res.sendString(reactor.core.publisher.Mono.just("fine"))))
				.bindNow();
		java.util.List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
		try (ClientSession session = Tracing.loggingSession(log)) {
			String base = "http://127.0.0.1:" + server.port();
			io.github.reactorasyncio.Async.run(() -> {
				try (var r = io.github.reactorasyncio.Async.await(session.get(base + "/ok"))) {
					return io.github.reactorasyncio.Async.await(r.text());
				}
			});
			DisposableServer gone = HttpServer.create().host("127.0.0.1").port(0).bindNow();
			String refused = "http://127.0.0.1:" + gone.port() + "/ok";
			gone.disposeNow();
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.github.reactorasyncio.Async.run(
					() -> io.github.reactorasyncio.Async.await(session.get(refused))))
					.isInstanceOf(io.github.reactorasyncio.http.ClientConnectionException.class);
		}
		finally {
			server.disposeNow();
		}
		assertThat(log).hasSize(2);
		assertThat(log.get(0)).isEqualTo("GET /ok -> 200");
		assertThat(log.get(1)).startsWith("GET /ok failed: Client");
	}

	@Test
	void aSessionTrustingASelfSignedCertificateReachesItsServer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
			throws Exception {
		// a self-signed certificate for 127.0.0.1, made by the JDK's keytool and exported as PEM
		java.nio.file.Path store = dir.resolve("server.p12");
		java.nio.file.Path pem = dir.resolve("server.pem");
		String keytool = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
		keytool(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
				"-dname", "CN=server", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
				"-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit");
		keytool(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(),
				"-storepass", "changeit", "-file", pem.toString());
		java.security.KeyStore ks = java.security.KeyStore.getInstance(store.toFile(), "changeit".toCharArray());
		java.security.PrivateKey key = (java.security.PrivateKey) ks.getKey("server", "changeit".toCharArray());
		java.security.cert.X509Certificate cert = (java.security.cert.X509Certificate) ks.getCertificate("server");
		DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
				.secure(spec -> spec.sslContext((reactor.netty.tcp.SslProvider.GenericSslContextSpec<?>)
						reactor.netty.http.Http11SslContextSpec.forServer(key, cert)))
				.handle((req, res) -> res.sendString(reactor.core.publisher.Mono.just("secret")))
				.bindNow();
		try (ClientSession session = Tls.trusting(pem)) {
			String body = io.github.reactorasyncio.Async.run(() -> {
				try (var r = io.github.reactorasyncio.Async.await(session.get("https://127.0.0.1:" + server.port() + "/"))) {
					return io.github.reactorasyncio.Async.await(r.text());
				}
			});
			assertThat(body).isEqualTo("secret");
		}
		finally {
			server.disposeNow();
		}
	}

	private static void keytool(String... command) throws Exception {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("keytool finished").isTrue();
		assertThat(p.exitValue()).as(out).isZero();
	}
}
