package io.github.reactorasyncio.http;

import java.time.Duration;

import io.github.reactorasyncio.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Header injection: a header name or value that could smuggle a header or a second request is refused
 * with {@link IllegalArgumentException} where it is given, so nothing reaches the server. aiohttp does the
 * same with a {@code ValueError}. Each test has a server of its own whose request count proves it.
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(30)
class ClientSessionHeadersTest {

	@RegisterExtension
	final TestServer server = TestServer.standard();

	static final String INJECTION = "abc\r\nX-Injected: yes";

	@Test
	void aPerRequestValueWithCrLfIsRefusedBeforeAnythingIsSent() throws Exception {
		try (ClientSession session = ClientSession.create()) {
			String userInput = INJECTION;
			assertThatThrownBy(() -> Async.run(() -> Async.await(session.get(server.url("/echo"),
					RequestOptions.builder().header("X-Token", userInput).build()))))
					.isInstanceOf(IllegalArgumentException.class)
					.hasMessageContaining("'X-Token'")
					.hasMessageContaining("carriage return (CR, \\r) at index 3")
					.hasMessageContaining("inject")
					.hasMessageContaining("Nothing was sent");
			for (String value : new String[] {"a\nb", "a\rb", "a\u0000b", "a\u0007b", "a\u007fb", "\r\n"}) {
				assertThatThrownBy(() -> RequestOptions.builder().header("X-Token", value))
						.as("value %s", value.chars().boxed().toList())
						.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'X-Token'");
			}
			assertThat(server.requests()).as("nothing reached the server").isZero();
			// a tab, spaces and non-ASCII text are legal in a value, and reach the server as they were given
			try (ClientResponse r = Async.run(() -> Async.await(session.get(server.url("/echo"),
					RequestOptions.builder().header("X-Token", "a\tb c").header("X-Agent", "café").build())))) {
				assertThat(r.headers().get("X-Token")).isEqualTo("a\tb c");
			}
			assertThat(server.requests()).as("the server counts what reaches it").isEqualTo(1);
		}
	}

	@Test
	void aSessionDefaultHeaderWithCrLfIsRefusedByTheBuilder() {
		ClientSession.Builder builder = ClientSession.builder();
		assertThatThrownBy(() -> builder.header("X-Agent", INJECTION))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("'X-Agent'").hasMessageContaining("carriage return");
		assertThatThrownBy(() -> builder.header("X-Agent", "line\nfeed"))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line feed (LF, \\n) at index 4");
		// the refused header was not kept: the session builds and sends without it
		try (ClientSession session = builder.header("X-Token", "ok").build()) {
			try (ClientResponse r = Async.run(() -> Async.await(session.get(server.url("/echo"))))) {
				assertThat(r.headers().get("X-Agent")).isEqualTo("null");
				assertThat(r.headers().get("X-Token")).isEqualTo("ok");
			}
			assertThat(server.requests()).isEqualTo(1);
		}
		catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	@Test
	void headerNamesMustBeTokens() {
		for (String name : new String[] {"", "X Token", "X-Token:", "X-Token\r\nX-Injected", "Naïve", "(x)", "a/b",
				"\"q\"", "x\ty"}) {
			assertThatThrownBy(() -> RequestOptions.builder().header(name, "v"))
					.as("name %s", name).isInstanceOf(IllegalArgumentException.class)
					.hasMessageContaining("is not a valid HTTP token");
			assertThatThrownBy(() -> ClientSession.builder().header(name, "v"))
					.as("name %s", name).isInstanceOf(IllegalArgumentException.class);
			assertThatThrownBy(() -> FetchOptions.builder().header(name, "v"))
					.as("name %s", name).isInstanceOf(IllegalArgumentException.class);
		}
		assertThatThrownBy(() -> RequestOptions.builder().header("X Token", "v"))
				.hasMessage("The header name 'X Token' is not a valid HTTP token (a space at index 1). A header name "
						+ "has only letters, digits and !#$%&'*+-.^_`|~; nothing was sent.");
		// every token character is accepted
		RequestOptions.builder().header("!#$%&'*+-.^_`|~09azAZ", "v").build();
		assertThat(server.requests()).isZero();
	}

	@Test
	void aContentTypeOrMethodThatCouldInjectIsRefusedToo() {
		try (ClientSession session = ClientSession.create()) {
			assertThatThrownBy(() -> RequestBody.bytes(new byte[1], "text/plain\r\nX-Injected: yes"))
					.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Content-Type'");
			assertThatThrownBy(() -> RequestBody.text("x", "text/plain\n"))
					.isInstanceOf(IllegalArgumentException.class);
			assertThatThrownBy(() -> session.request("GET / HTTP/1.1\r\nX-Injected: yes\r\n\r\nGET", server.url("/echo"),
					RequestOptions.none()))
					.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a valid token");
			assertThatThrownBy(() -> FetchOptions.builder().method("PO ST"))
					.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a space at index 2");
			assertThatThrownBy(() -> session.request("", server.url("/echo"), RequestOptions.none()))
					.isInstanceOf(IllegalArgumentException.class);
			assertThat(server.requests()).isZero();
			StepVerifier.create(session.request("purge", server.url("/echo"), RequestOptions.none())
							.doOnNext(ClientResponse::close).map(r -> r.headers().get("X-Method")))
					.expectNext("PURGE").verifyComplete();
		}
	}
}
