package io.github.reactorasyncio.http;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The misbehaving server fixture itself: it sends exactly the bytes a behaviour writes, per path. */
@ExtendWith(NettyLeakCheck.class)
@Timeout(30)
class RawServerTest {

	@RegisterExtension
	static final RawServer raw = new RawServer()
			.route("/ok", ex -> ex.respond(200, "OK", "hello", "Content-Type: text/plain"))
			.route("/garbage", ex -> ex.send("NOT HTTP AT ALL\r\n\r\n").close());

	@Test
	void aBehaviourWritesItsBytesVerbatimAndTheConnectionIsKeptAlive() throws Exception {
		try (Socket s = new Socket("127.0.0.1", raw.port())) {
			s.setSoTimeout(10_000);
			OutputStream out = s.getOutputStream();
			InputStream in = s.getInputStream();
			out.write("GET /garbage HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("NOT HTTP AT ALL\r\n\r\n");
		}
		assertThat(raw.hits("/garbage")).isEqualTo(1);
	}

	@Test
	void theClientReusesAConnectionAndUnknownPathsAre404() {
		int before = raw.connections();
		try (ClientSession session = ClientSession.builder().maxConnections(1).build()) {
			for (int i = 0; i < 3; i++) {
				try (ClientResponse r = session.get(raw.url("/ok")).block(Duration.ofSeconds(10))) {
					assertThat(r.text().block(Duration.ofSeconds(10))).isEqualTo("hello");
				}
			}
			try (ClientResponse r = session.get(raw.url("/nowhere")).block(Duration.ofSeconds(10))) {
				assertThat(r.status()).isEqualTo(404);
			}
		}
		assertThat(raw.connections() - before).isEqualTo(1);
	}
}
