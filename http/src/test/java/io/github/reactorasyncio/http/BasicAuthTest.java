package io.github.reactorasyncio.http;

import java.nio.charset.StandardCharsets;

import io.github.reactorasyncio.Async;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link BasicAuth} as aiohttp's, whose {@code BasicAuth(login, password).encode()} is {@code "Basic " +
 * base64(login:password)} (aiohttp is not installed here; the values were computed with python3.11:
 * {@code base64.b64encode(b'alice:s3cret')} is {@code b'YWxpY2U6czNjcmV0'},
 * {@code base64.b64encode('zoë:x'.encode('latin1'))} is {@code b'em/rOng='}).
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(30)
class BasicAuthTest {

	@Test
	void encodesAndDecodesAsAiohttp() {
		assertThat(BasicAuth.of("alice", "s3cret").encode()).isEqualTo("Basic YWxpY2U6czNjcmV0");
		assertThat(BasicAuth.decode("Basic YWxpY2U6czNjcmV0")).isEqualTo(BasicAuth.of("alice", "s3cret"));
		assertThat(BasicAuth.decode(BasicAuth.of("zoë", "pa:ss wörd").encode()))
				.isEqualTo(BasicAuth.of("zoë", "pa:ss wörd"));
		assertThat(new BasicAuth("zoë", "x", StandardCharsets.ISO_8859_1).encode()).isEqualTo("Basic em/rOng=");
	}

	@Test
	void badCredentialsAndTokensAreRefusedWithAReason() {
		assertThatThrownBy(() -> BasicAuth.of("a:b", "c")).hasMessageContaining("cannot contain ':'");
		assertThatThrownBy(() -> BasicAuth.of("a", "c\r\nX-Evil: 1")).hasMessageContaining("CR or LF");
		assertThatThrownBy(() -> BasicAuth.decode("Bearer abc")).hasMessageContaining("Not a Basic");
		assertThatThrownBy(() -> BasicAuth.decode("Basic !!!")).hasMessageContaining("not Base64");
		assertThatThrownBy(() -> BasicAuth.bearer("Bearer abc")).hasMessageContaining("one non-empty word");
		assertThat(BasicAuth.bearer("abc.def")).isEqualTo("Bearer abc.def");
		assertThat(BasicAuth.of("alice", "s3cret").toString()).doesNotContain("s3cret");
	}

	@Test
	void theServerReceivesTheHeader() throws Exception {
		try (TestServer server = TestServer.handling((req, res) -> res.sendString(Mono.just(String.valueOf(
						req.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))))).start();
				ClientSession session = ClientSession.builder()
						.header("Authorization", BasicAuth.of("alice", "s3cret").encode()).build()) {
			String seen = Async.run(() -> {
				try (ClientResponse r = Async.await(session.get(server.url("/")))) {
					return Async.await(r.text());
				}
			});
			assertThat(BasicAuth.decode(seen)).isEqualTo(BasicAuth.of("alice", "s3cret"));
		}
	}
}
