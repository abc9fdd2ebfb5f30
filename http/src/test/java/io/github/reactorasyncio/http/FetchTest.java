package io.github.reactorasyncio.http;

import java.time.Duration;

import io.github.reactorasyncio.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(NettyLeakCheck.class)
@Timeout(30)
class FetchTest {

	@RegisterExtension
	static final TestServer server = TestServer.standard();

	@Test
	void fetchThenJsonAsInJavaScript() {
		// fetch(url).then(r => r.json()).then(user => user.name)
		StepVerifier.create(Fetch.fetch(server.url("/user")).flatMap(ClientResponse::json).map(u -> u.get("name").asString()))
				.expectNext("Ilya Kantor")
				.verifyComplete();
	}

	@Test
	void fetchFromACoroutine() throws Exception {
		JsonNode user = Async.run(() -> {
			ClientResponse r = Async.await(Fetch.fetch(server.url("/user")));
			assertThat(r.ok()).isTrue();
			assertThat(r.status()).isEqualTo(200);
			assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
			return Async.await(r.json());
		});
		assertThat(user.get("login").asString()).isEqualTo("iliakan");
	}

	@Test
	void anErrorStatusIsNotAnError() {
		StepVerifier.create(Fetch.fetch(server.url("/status/404")).flatMap(r -> r.text().map(t -> r.ok() + " " + r.status())))
				.expectNext("false 404")
				.verifyComplete();
	}

	@Test
	void jsonIgnoresTheContentTypeAsABrowserDoes() {
		StepVerifier.create(Fetch.fetch(server.url("/json-as-text")).flatMap(ClientResponse::json).map(n -> n.get("a").asInt()))
				.expectNext(1)
				.verifyComplete();
	}

	@Test
	void optionsSetMethodHeadersBodyAndTimeout() {
		FetchOptions post = FetchOptions.builder().method("put").header("X-Token", "t").body("hello").build();
		StepVerifier.create(Fetch.fetch(server.url("/echo"), post)
						.flatMap(r -> r.text().map(t -> r.headers().get("X-Method") + " " + r.headers().get("X-Token") + " " + t)))
				.expectNext("PUT t hello")
				.verifyComplete();
		FetchOptions quick = FetchOptions.builder().timeout(Duration.ofMillis(200)).build();
		StepVerifier.create(Fetch.fetch(server.url("/never"), quick))
				.expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ClientTimeoutException.class,
						t -> assertThat(t.kind()).isEqualTo(ClientTimeoutException.Kind.TOTAL)))
				.verify(Duration.ofSeconds(10));
		assertThat(post.toString()).contains("PUT");
	}
}
