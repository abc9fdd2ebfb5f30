package io.github.reactorasyncio.http;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import io.github.reactorasyncio.Async;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(NettyLeakCheck.class)
@Timeout(30)
class ClientResponseTest {

	@RegisterExtension
	static final TestServer server = TestServer.standard();
	@RegisterExtension
	static final RawServer raw = new RawServer()
			.route("/chunked-404", ex -> ex.send("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n"
					+ "Transfer-Encoding: chunked\r\n\r\n5\r\nnope!\r\n0\r\n\r\n"))
			.route("/ok", ex -> ex.respond(200, "OK", "fine"));
	static ClientSession session;

	@BeforeAll
	static void start() {
		session = ClientSession.builder().totalTimeout(Duration.ofSeconds(10)).build();
	}

	@AfterAll
	static void stop() {
		session.close();
	}

	private static ClientResponse get(String path) {
		return session.get(server.url(path)).block(Duration.ofSeconds(10));
	}

	@Test
	void statusLineHeadersAndContentType() {
		try (ClientResponse r = get("/text")) {
			assertThat(r.status()).isEqualTo(200);
			assertThat(r.reason()).isEqualTo("OK");
			assertThat(r.ok()).isTrue();
			assertThat(r.method()).isEqualTo("GET");
			assertThat(r.contentType()).isEqualTo("text/plain");
			assertThat(r.charset().name()).isEqualTo("UTF-8");
			assertThat(r.headers().get("content-type")).isEqualTo("text/plain; charset=UTF-8");
			assertThat(r.url()).hasPath("/text").hasPort(server.port());
			assertThat(r.state()).isEqualTo(ClientResponse.State.UNREAD);
			assertThat(r.toString()).contains("GET", "/text", "200", "UNREAD");
		}
		try (ClientResponse r = get("/status/418")) {
			assertThat(r.ok()).isFalse();
		}
	}

	@Test
	void aSmallBodyWithALengthIsReadWithTheHeadersSoItsReadCompletesAtOnce() {
		ClientResponse small = get("/user");
		// subscribing completes during subscribe: no wait on the connection, no switch in a coroutine
		assertThat(small.text().toFuture()).isCompletedWithValue(TestServer.USER_JSON);
		assertThat(small.state()).isEqualTo(ClientResponse.State.CONSUMED);
	}

	@Test
	void textUsesTheCharsetOfTheContentType() {
		StepVerifier.create(get("/latin1").text()).expectNext("café").verifyComplete();
	}

	@Test
	void jsonAsClassTypeReferenceAndTree() {
		StepVerifier.create(get("/user").json(User.class))
				.expectNext(new User("iliakan", 349336, "Ilya Kantor")).verifyComplete();
		StepVerifier.create(get("/list").json(new TypeReference<List<User>>() {}))
				.assertNext(list -> assertThat(list).extracting(User::login).containsExactly("a", "b"))
				.verifyComplete();
		StepVerifier.create(get("/user").json().map(n -> n.get("name").asString()))
				.expectNext("Ilya Kantor").verifyComplete();
		StepVerifier.create(get("/null").json(User.class)).as("JSON null is an empty Mono").verifyComplete();
		StepVerifier.create(get("/null").json().map(JsonNode::isNull)).expectNext(true).verifyComplete();
	}

	@Test
	void jsonOfANonJsonBodyIsAContentTypeErrorUnlessLenient() {
		StepVerifier.create(get("/html").json())
				.expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ContentTypeException.class, c -> {
					assertThat(c.contentType()).isEqualTo("text/html");
					assertThat(c.bodyExcerpt()).contains("Service Unavailable");
					assertThat(c.getMessage()).contains("text/html", "lenientJson(true)", "/html");
				}))
				.verify();
		try (ClientSession lenient = ClientSession.builder().lenientJson(true).build()) {
			StepVerifier.create(lenient.get(server.url("/json-as-text")).flatMap(r -> r.json().map(n -> n.get("a").asInt())))
					.expectNext(1).verifyComplete();
		}
	}

	@Test
	void malformedJsonGivesTheParsersPosition() {
		StepVerifier.create(get("/malformed").json(User.class))
				.expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(JsonDecodeException.class, j -> {
					assertThat(j.line()).isEqualTo(2);
					assertThat(j.column()).isGreaterThan(1);
					assertThat(j.getMessage()).contains("line 2, column", "/malformed");
					assertThat(j.getCause()).isInstanceOf(tools.jackson.core.JacksonException.class);
				}))
				.verify();
	}

	@Test
	void readGivesBytesAndAnEmptyBodyIsAnEmptyArray() {
		StepVerifier.create(get("/large").read().map(b -> b.length)).expectNext(TestServer.LARGE_SIZE).verifyComplete();
		StepVerifier.create(get("/empty").read().map(b -> b.length)).expectNext(0).verifyComplete();
	}

	@Test
	void contentStreamsALargeChunkedBodyWithBackpressure() {
		ClientResponse r = get("/large");
		StepVerifier.create(r.content().map(ByteBuffer::remaining), 1)
				.expectNextCount(1)
				.thenRequest(Long.MAX_VALUE)
				.thenConsumeWhile(n -> true)
				.verifyComplete();
		assertThat(r.state()).isEqualTo(ClientResponse.State.CONSUMED);
		StepVerifier.create(get("/large").content().map(b -> (long) b.remaining()).reduce(0L, Long::sum))
				.expectNext((long) TestServer.LARGE_SIZE).verifyComplete();
	}

	@Test
	void linesSplitAcrossChunks() {
		StepVerifier.create(get("/lines").lines()).expectNext("one", "two", "three", "four").verifyComplete();
	}

	@Test
	void theBodyIsReadOnceAndASecondReadSaysWhy() throws Exception {
		String second = Async.run(() -> {
			try (ClientResponse r = Async.await(session.get(server.url("/user")))) {
				Async.await(r.text());
				try {
					Async.await(r.json());
					return "read twice";
				}
				catch (IllegalStateException e) {
					return e.getMessage();
				}
			}
		});
		assertThat(second).contains("json()", "already read by text()", "only once");
	}

	@Test
	void readingAClosedResponseSaysItWasClosed() {
		ClientResponse r = get("/user");
		r.close();
		assertThat(r.state()).isEqualTo(ClientResponse.State.CLOSED);
		assertThat(r.bodyUsed()).isTrue();
		StepVerifier.create(r.text()).expectErrorSatisfies(e -> assertThat(e)
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("was closed before its body was read"))
				.verify();
		r.close();
	}

	@Test
	void raiseForStatusIsSynchronousAndPassesOkResponses() {
		try (ClientResponse ok = get("/user")) {
			assertThat(ok.raiseForStatus()).isSameAs(ok);
		}
		// the statement form every aiohttp user writes throws at once, no subscription needed; a small body
		// with a length was read with the headers, so the exception shows its start
		ClientResponse notFound = get("/status/404");
		assertThatThrownBy(notFound::raiseForStatus).isInstanceOfSatisfying(ClientResponseException.class, e -> {
			assertThat(e.status()).isEqualTo(404);
			assertThat(e.reason()).isEqualTo("Not Found");
			assertThat(e.method()).isEqualTo("GET");
			assertThat(e.bodyExcerpt()).startsWith("detail: something broke")
					.hasSize(ClientResponseException.BODY_EXCERPT_BYTES);
		});
		assertThat(notFound.state()).isEqualTo(ClientResponse.State.CLOSED);
	}

	@Test
	void raiseForStatusDoesNotReadAStreamedBodyAndReleasesTheConnection() {
		try (ClientSession one = ClientSession.builder().maxConnections(1).build()) {
			ClientResponse r = one.get(raw.url("/chunked-404")).block(Duration.ofSeconds(10));
			assertThatThrownBy(r::raiseForStatus).isInstanceOfSatisfying(ClientResponseException.class,
					e -> assertThat(e.bodyExcerpt()).isEmpty());
			assertThat(r.state()).isEqualTo(ClientResponse.State.CLOSED);
			// the dropped response holds no connection: the pool of one serves the next request
			StepVerifier.create(one.get(raw.url("/ok")).flatMap(ClientResponse::text)).expectNext("fine")
					.verifyComplete();
		}
	}

	@Test
	void raiseForStatusIncludesABodyThatWasAlreadyRead() throws Exception {
		String excerpt = Async.run(() -> {
			try (ClientResponse r = Async.await(session.get(server.url("/status/500")))) {
				String body = Async.await(r.text());
				try {
					r.raiseForStatus();
					return "not thrown";
				}
				catch (ClientResponseException e) {
					assertThat(body).startsWith(e.bodyExcerpt());
					return e.bodyExcerpt();
				}
			}
		});
		assertThat(excerpt).startsWith("detail: something broke").hasSize(ClientResponseException.BODY_EXCERPT_BYTES);
	}

	@Test
	void raiseForStatusWithBodyReadsTheStartOfTheBody() throws Exception {
		try (ClientResponse ok = get("/user")) {
			assertThat(ok.raiseForStatusWithBody().block(Duration.ofSeconds(10))).isSameAs(ok);
		}
		assertThatThrownBy(() -> Async.run(() -> {
			try (ClientResponse r = Async.await(session.get(server.url("/status/404")))) {
				return Async.await(r.raiseForStatusWithBody());
			}
		})).isInstanceOfSatisfying(ClientResponseException.class, e -> {
			assertThat(e.status()).isEqualTo(404);
			assertThat(e.bodyExcerpt()).hasSize(ClientResponseException.BODY_EXCERPT_BYTES);
			assertThat(e.method()).isEqualTo("GET");
		});
	}

	@Test
	void cancellingAReadClosesTheConnectionAndLeaksNothing() {
		ClientResponse r = get("/large");
		StepVerifier.create(r.content().take(2)).expectNextCount(2).verifyComplete();
		assertThat(r.state()).isEqualTo(ClientResponse.State.CONSUMED);
		// the session still works: the half-read connection was closed, not returned to the pool
		StepVerifier.create(session.get(server.url("/user")).flatMap(ClientResponse::text))
				.expectNext(TestServer.USER_JSON).verifyComplete();
	}

	@Test
	void aReadTimesOutOnTheTotalTimeoutCountedFromTheRequest() {
		try (ClientSession s = ClientSession.builder().totalTimeout(Duration.ofSeconds(1)).build()) {
			ClientResponse r = s.get(server.url("/stall-body")).block(Duration.ofSeconds(10));
			StepVerifier.create(r.text()).expectErrorSatisfies(e -> assertThat(e)
					.isInstanceOfSatisfying(ClientTimeoutException.class, t -> assertThat(t.kind())
							.isEqualTo(ClientTimeoutException.Kind.TOTAL))).verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void aResponseLeftUnreadReleasesItsConnectionWhenTheTotalTimeoutPasses() {
		// the pool's acquire timeout is the session's total timeout: far longer than the forgotten request's own
		try (ClientSession s = ClientSession.builder().maxConnections(1).totalTimeout(Duration.ofSeconds(20)).build()) {
			RequestOptions impatient = RequestOptions.builder().timeout(Duration.ofSeconds(1)).build();
			ClientResponse forgotten = s.get(server.url("/medium"), impatient).block(Duration.ofSeconds(10));
			// the only connection is held by the unread body until the first request's total timeout passes
			StepVerifier.create(s.get(server.url("/user")).flatMap(ClientResponse::text))
					.expectNext(TestServer.USER_JSON).verifyComplete();
			assertThat(forgotten.state()).isEqualTo(ClientResponse.State.CLOSED);
			StepVerifier.create(forgotten.read()).expectErrorSatisfies(e -> assertThat(e)
					.isInstanceOfSatisfying(ClientTimeoutException.class, t -> assertThat(t.kind())
							.isEqualTo(ClientTimeoutException.Kind.TOTAL))).verify();
		}
	}

	@Test
	void nullArgumentsAreRejected() {
		try (ClientResponse r = get("/user")) {
			assertThatThrownBy(() -> r.json((Class<?>) null)).isInstanceOf(NullPointerException.class).hasMessage("type");
		}
	}
}
