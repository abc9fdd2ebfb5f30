package io.github.reactorasyncio.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.github.reactorasyncio.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Redirects are capped as in aiohttp: 10 by default, configurable on the session and per request, and a
 * request past the limit fails with {@link TooManyRedirectsException} listing the chain. Each test has a
 * server of its own, so its request count is the number of hops. The aiohttp behaviour followed:
 *
 * <pre>
 * async with aiohttp.ClientSession() as s:
 *     try:
 *         await s.get(f"{url}/loop/0")
 *     except aiohttp.TooManyRedirects as e:
 *         print(len(e.history))       # 10 redirect responses; the request made 11 requests
 *     r = await s.get(f"{url}/loop/0", allow_redirects=False)   # the 302 itself
 *     r = await s.get(f"{url}/hops/3", max_redirects=2)         # TooManyRedirects
 * </pre>
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(30)
class ClientSessionRedirectsTest {

	@RegisterExtension
	final TestServer server = TestServer.standard();

	@Test
	void aRedirectLoopFailsAfterTenRedirectsWithTheChain() throws Exception {
		// a pool of one: the connection of the refused redirect must be released for the next request
		try (ClientSession session = ClientSession.builder().maxConnections(1).totalTimeout(Duration.ofSeconds(10))
				.build()) {
			assertThatThrownBy(() -> Async.run(() -> Async.await(session.get(server.url("/loop/0")))))
					.isInstanceOfSatisfying(TooManyRedirectsException.class, e -> {
						assertThat(e.maxRedirects()).isEqualTo(ClientSession.DEFAULT_MAX_REDIRECTS).isEqualTo(10);
						assertThat(e.history()).extracting(URI::getPath)
								.containsExactlyElementsOf(IntStream.rangeClosed(0, 11).mapToObj(i -> "/loop/" + i).toList());
						assertThat(e.method()).isEqualTo("GET");
						assertThat(e.url()).hasPath("/loop/0");
						assertThat(e.getMessage()).contains("GET " + server.url("/loop/0"), "more than 10 times",
								server.url("/loop/0") + " -> " + server.url("/loop/1"), "/loop/10 -> " + server.url("/loop/11"),
								"maxRedirects(n)", "followRedirects(false)");
					});
			assertThat(server.requests()).as("the first request and 10 redirects").isEqualTo(11);
			assertThat(session.requestsInFlight()).isZero();
			StepVerifier.create(session.get(server.url("/user")).flatMap(ClientResponse::text))
					.expectNext(TestServer.USER_JSON).verifyComplete();
		}
	}

	@Test
	void exactlyTheLimitOfRedirectsIsFollowed() {
		try (ClientSession session = ClientSession.create()) {
			StepVerifier.create(session.get(server.url("/hops/9")).flatMap(r -> r.json(User.class)
							.map(u -> r.status() + " " + r.url().getPath() + " " + u.login())))
					.expectNext("200 /user iliakan").verifyComplete();
			assertThat(server.requests()).isEqualTo(11);
		}
	}

	@Test
	void theLimitIsSetOnTheSessionAndPerRequest() {
		try (ClientSession session = ClientSession.builder().maxRedirects(3).build()) {
			StepVerifier.create(session.get(server.url("/hops/3")))
					.expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(TooManyRedirectsException.class,
							t -> assertThat(t.history()).extracting(URI::getPath)
									.containsExactly("/hops/3", "/hops/2", "/hops/1", "/hops/0", "/user")))
					.verify();
			StepVerifier.create(session.get(server.url("/hops/2")).doOnNext(ClientResponse::close).map(ClientResponse::status))
					.expectNext(200).verifyComplete();
			StepVerifier.create(session.get(server.url("/hops/3"), RequestOptions.builder().maxRedirects(4).build())
							.doOnNext(ClientResponse::close).map(ClientResponse::status))
					.expectNext(200).verifyComplete();
			StepVerifier.create(session.get(server.url("/hops/3"), RequestOptions.builder().maxRedirects(1).build()))
					.expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TooManyRedirectsException.class)
							.hasMessageContaining("more than 1 times"))
					.verify();
		}
		assertThatThrownBy(() -> ClientSession.builder().maxRedirects(0))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("followRedirects(false)");
		assertThatThrownBy(() -> RequestOptions.builder().maxRedirects(-1)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void followingIsTurnedOffOrOnPerRequest() {
		try (ClientSession following = ClientSession.create();
				ClientSession notFollowing = ClientSession.builder().followRedirects(false).build()) {
			StepVerifier.create(following.get(server.url("/loop/0"), RequestOptions.builder().followRedirects(false).build())
							.doOnNext(ClientResponse::close).map(r -> r.status() + " " + r.headers().get("Location")))
					.expectNext("302 /loop/1").verifyComplete();
			StepVerifier.create(notFollowing.get(server.url("/loop/0")).doOnNext(ClientResponse::close)
							.map(ClientResponse::status))
					.expectNext(302).verifyComplete();
			StepVerifier.create(notFollowing.get(server.url("/hops/1"), RequestOptions.builder().followRedirects(true).build())
							.doOnNext(ClientResponse::close).map(r -> r.status() + " " + r.url().getPath()))
					.expectNext("200 /user").verifyComplete();
			StepVerifier.create(notFollowing.get(server.url("/loop/0"), RequestOptions.builder().followRedirects(true).build()))
					.expectError(TooManyRedirectsException.class).verify();
			assertThat(server.requests()).isEqualTo(1 + 1 + 3 + 11);
		}
	}

	@Test
	void aSeeOtherAfterAPostIsFollowedWithAGetWithoutTheBodyAndA307RepeatsThePost() {
		// aiohttp: a 303 turns the request into a GET and drops the data; a 307 or 308 keeps both
		try (ClientSession session = ClientSession.create()) {
			StepVerifier.create(session.post(server.url("/see-other"), RequestBody.text("form")).flatMap(ClientSessionRedirectsTest::echoed))
					.expectNext("200 GET /echo/after-post null []").verifyComplete();
			StepVerifier.create(session.post(server.url("/temporary"), RequestBody.text("form")).flatMap(ClientSessionRedirectsTest::echoed))
					.expectNext("200 POST /echo/kept text/plain; charset=UTF-8 [form]").verifyComplete();
		}
	}

	private static reactor.core.publisher.Mono<String> echoed(ClientResponse r) {
		return r.text().map(body -> r.status() + " " + r.headers().get("X-Method") + " " + r.headers().get("X-Uri") + " "
				+ r.headers().get("X-Content-Type") + " [" + body + "]");
	}

	@Test
	void theHistoryIsInOrder() {
		TooManyRedirectsException e = new TooManyRedirectsException("GET", URI.create("http://h/a"),
				List.of(URI.create("http://h/a"), URI.create("http://h/b")), 1);
		assertThat(e.history()).containsExactly(URI.create("http://h/a"), URI.create("http://h/b"));
		assertThat(e).isInstanceOf(ClientException.class);
		assertThat(e.getMessage()).startsWith("GET http://h/a was redirected more than 1 times: http://h/a -> http://h/b.");
	}
}
