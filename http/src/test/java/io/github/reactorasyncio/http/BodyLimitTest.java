package io.github.reactorasyncio.http;

import java.nio.ByteBuffer;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Buffered bodies ({@code text()}, {@code read()}, {@code json()}) are bounded, counted after decompression;
 * streaming reads are not (issue 11, item 11).
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(60)
class BodyLimitTest {

	static final int MIB = 1024 * 1024;

	@RegisterExtension
	static final RawServer raw = new RawServer()
			// 20 MiB in 64 KiB chunks, then the end: far more than the 1 MiB limit of these tests
			.route("/endless", ex -> {
				ex.send("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
				byte[] chunk = new byte[64 * 1024];
				for (int i = 0; i < 20 * 16; i++) {
					ex.send(Integer.toHexString(chunk.length) + "\r\n").send(chunk).send("\r\n");
				}
				ex.send("0\r\n\r\n");
			})
			// 2 MiB of text compressed into a few KiB, announced with its (small) length: read with the headers
			.route("/bomb", ex -> {
				byte[] gz = RawServer.gzip("a".repeat(2 * MIB));
				ex.send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\nContent-Length: "
						+ gz.length + "\r\n\r\n").send(gz);
			})
			// the same, chunked: read when the caller asks
			.route("/bomb-chunked", ex -> {
				byte[] gz = RawServer.gzip("a".repeat(2 * MIB));
				ex.send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\n"
						+ "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(gz.length) + "\r\n")
						.send(gz).send("\r\n0\r\n\r\n");
			})
			.route("/ok", ex -> ex.respond(200, "OK", "fine", "Content-Type: text/plain"));

	private static ClientSession session(long maxBody) {
		// one connection: a connection held after a failure would block the next request
		return ClientSession.builder().maxConnections(1).maxBodyBytes(maxBody).readTimeout(Duration.ofMinutes(5))
				.build();
	}

	/** The next request on the pool of one completes: the failed one did not keep its connection. */
	private static void nextRequestGoesThrough(ClientSession session) {
		// bounded far below the read timeout of 5 minutes that a held connection would wait for
		try (ClientResponse r = session.get(raw.url("/ok")).block(Duration.ofSeconds(20))) {
			assertThat(r.text().block(Duration.ofSeconds(20))).isEqualTo("fine");
		}
	}

	@Test
	void anEndlessChunkedBodyFailsTypedAndReleasesTheConnection() {
		try (ClientSession session = session(MIB)) {
			ClientResponse r = session.get(raw.url("/endless")).block(Duration.ofSeconds(20));
			StepVerifier.create(r.read())
					.expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(BodyTooLargeException.class, t -> {
						assertThat(t.limit()).isEqualTo(MIB);
						assertThat(t.getMessage()).contains("/endless", "1048576 bytes", "maxBodyBytes", "content()");
					}))
					.verify(Duration.ofSeconds(20));
			assertThat(r.state()).isEqualTo(ClientResponse.State.CONSUMED);
			nextRequestGoesThrough(session);
		}
	}

	@Test
	void theLimitCountsDecompressedBytesOfABodyWithALength() {
		try (ClientSession session = session(MIB)) {
			// the decompressor drops the Content-Length, so this body streams; either way the read fails
			assertThatThrownBy(() -> session.get(raw.url("/bomb")).flatMap(ClientResponse::text).block(Duration.ofSeconds(20)))
					.isInstanceOf(BodyTooLargeException.class);
			nextRequestGoesThrough(session);
		}
	}

	@Test
	void theLimitCountsDecompressedBytesForAStreamedBody() {
		try (ClientSession session = session(MIB)) {
			ClientResponse r = session.get(raw.url("/bomb-chunked")).block(Duration.ofSeconds(20));
			assertThatThrownBy(() -> r.text().block(Duration.ofSeconds(20))).isInstanceOf(BodyTooLargeException.class);
			nextRequestGoesThrough(session);
		}
	}

	@Test
	void aRequestMayRaiseTheSessionsLimitAndABodyUnderItIsRead() {
		try (ClientSession session = session(MIB)) {
			ClientResponse r = session.get(raw.url("/bomb-chunked"), RequestOptions.builder().maxBodyBytes(4 * MIB).build())
					.block(Duration.ofSeconds(20));
			assertThat(r.text().block(Duration.ofSeconds(20))).hasSize(2 * MIB);
		}
	}

	@Test
	void streamingIsNotLimited() {
		try (ClientSession session = session(MIB)) {
			ClientResponse r = session.get(raw.url("/endless")).block(Duration.ofSeconds(20));
			Long total = r.content().map(ByteBuffer::remaining).reduce(0L, (a, b) -> a + b).block(Duration.ofSeconds(30));
			assertThat(total).isEqualTo(20L * MIB);
			nextRequestGoesThrough(session);
		}
	}

	@Test
	void theLimitMustBePositive() {
		assertThatThrownBy(() -> ClientSession.builder().maxBodyBytes(0))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBodyBytes");
		assertThatThrownBy(() -> RequestOptions.builder().maxBodyBytes(-1))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBodyBytes");
	}
}
