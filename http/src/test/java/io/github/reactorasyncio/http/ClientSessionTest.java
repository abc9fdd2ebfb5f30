package io.github.reactorasyncio.http;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.google.errorprone.annotations.CheckReturnValue;
import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(NettyLeakCheck.class)
@Timeout(30)
class ClientSessionTest {

	@RegisterExtension
	static final TestServer server = TestServer.standard();
	static ClientSession session;

	@BeforeAll
	static void start() {
		session = ClientSession.builder().totalTimeout(Duration.ofSeconds(10)).build();
	}

	@AfterAll
	static void stop() {
		session.close();
	}

	@Test
	void getAndJsonFromACoroutine() throws Exception {
		User user = Async.run(() -> {
			try (ClientResponse response = Async.await(session.get(server.url("/user")))) {
				assertThat(response.status()).isEqualTo(200);
				assertThat(response.ok()).isTrue();
				return Async.await(response.json(User.class));
			}
		});
		assertThat(user).isEqualTo(new User("iliakan", 349336, "Ilya Kantor"));
	}

	@Test
	void getAndTextFromPlainReactor() {
		StepVerifier.create(session.get(server.url("/text")).flatMap(ClientResponse::text))
				.expectNext("héllo wörld")
				.verifyComplete();
	}

	@Test
	void baseUrlDefaultHeadersAndQueryParameters() throws Exception {
		try (ClientSession s = ClientSession.builder()
				.baseUrl(server.url("/"))
				.header("X-Token", "default")
				.header("X-Agent", "session")
				.query("api", "v1")
				.build()) {
			ClientResponse r = Async.run(() -> Async.await(s.get("echo?a=1",
					RequestOptions.builder().header("X-Token", "mine").query("q", "a b&c").build())));
			try (r) {
				assertThat(r.headers().get("X-Uri")).isEqualTo("/echo?a=1&api=v1&q=a%20b%26c");
				assertThat(r.headers().get("X-Token")).as("a request header replaces the default").isEqualTo("mine");
				assertThat(r.headers().get("X-Agent")).isEqualTo("session");
			}
		}
	}

	@Test
	void postsJsonFormBytesTextAndStreams() throws Exception {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("name", "Ilya Kantor");
		form.put("lang", "js&java");
		String json = Async.run(() -> echo(session.post(server.url("/echo"),
				RequestBody.json(new User("iliakan", 1, "Ilya")))));
		assertThat(json).isEqualTo("application/json {\"login\":\"iliakan\",\"id\":1,\"name\":\"Ilya\"}");
		assertThat(Async.run(() -> echo(session.put(server.url("/echo"), RequestBody.form(form)))))
				.isEqualTo("application/x-www-form-urlencoded name=Ilya+Kantor&lang=js%26java");
		assertThat(Async.run(() -> echo(session.patch(server.url("/echo"),
				RequestBody.bytes(new byte[] {65, 66, 67}, "application/x-abc")))))
				.isEqualTo("application/x-abc ABC");
		assertThat(Async.run(() -> echo(session.post(server.url("/echo"), RequestOptions.builder().text("plain").build()))))
				.isEqualTo("text/plain; charset=UTF-8 plain");
		Flux<ByteBuffer> chunks = Flux.range(1, 5).map(i -> ByteBuffer.wrap(("part" + i + ";").getBytes(StandardCharsets.UTF_8)));
		ClientResponse streamed = Async.run(() -> Async.await(session.post(server.url("/echo"),
				RequestBody.stream(chunks, "text/plain"))));
		assertThat(streamed.headers().get("X-Transfer-Encoding")).isEqualTo("chunked");
		assertThat(streamed.text().block(Duration.ofSeconds(10))).isEqualTo("part1;part2;part3;part4;part5;");
	}

	private static String echo(reactor.core.publisher.Mono<ClientResponse> request) throws Exception {
		try (ClientResponse r = Async.await(request)) {
			return r.headers().get("X-Content-Type") + " " + Async.await(r.text());
		}
	}

	record Profile(String login, int publicRepos) {
	}

	@Test
	void aCustomJsonMapperWritesAndReadsBodies() throws Exception {
		JsonMapper snake = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		try (ClientSession s = ClientSession.builder().jsonMapper(snake).lenientJson(true).build()) {
			String[] sent = new String[1];
			Profile back = Async.run(() -> {
				try (ClientResponse r = Async.await(s.post(server.url("/echo"), RequestBody.json(new Profile("iliakan", 95))))) {
					byte[] body = Async.await(r.read());
					sent[0] = new String(body, StandardCharsets.UTF_8);
					return snake.readValue(body, Profile.class);
				}
			});
			assertThat(sent[0]).isEqualTo("{\"login\":\"iliakan\",\"public_repos\":95}");
			assertThat(back).isEqualTo(new Profile("iliakan", 95));
			StepVerifier.create(s.post(server.url("/echo"), RequestBody.json(new Profile("a", 1))).flatMap(r -> r.json(Profile.class)))
					.expectNext(new Profile("a", 1)).verifyComplete();
		}
	}

	@Test
	void methodsAreSentAsAsked() {
		StepVerifier.create(session.delete(server.url("/echo")).map(r -> r.headers().get("X-Method") + " " + r.status()))
				.expectNext("DELETE 200").verifyComplete();
		StepVerifier.create(session.request("options", server.url("/echo"), RequestOptions.none())
						.map(r -> r.headers().get("X-Method")))
				.expectNext("OPTIONS").verifyComplete();
		StepVerifier.create(session.head(server.url("/echo")).flatMap(r -> r.read().map(b -> r.status() + " " + b.length)))
				.expectNext("200 0").verifyComplete();
	}

	@Test
	void followsRedirectsAndReportsTheFinalUrl() {
		StepVerifier.create(session.get(server.url("/redirect-chain")).flatMap(r -> r.json(User.class)
						.map(u -> r.status() + " " + r.url().getPath() + " " + u.login())))
				.expectNext("200 /user iliakan")
				.verifyComplete();
		try (ClientSession noFollow = ClientSession.builder().followRedirects(false).build()) {
			StepVerifier.create(noFollow.get(server.url("/redirect")).doOnNext(ClientResponse::close).map(ClientResponse::status))
					.expectNext(302).verifyComplete();
		}
	}

	@Test
	void decompressesGzip() {
		StepVerifier.create(session.get(server.url("/gzip")).flatMap(r -> r.text()
						.map(t -> r.headers().get("X-Accept-Encoding") + " " + t.length() + " " + t.substring(0, 16))))
				.assertNext(s -> assertThat(s).contains("gzip").endsWith(" 1700 compressed hello"))
				.verifyComplete();
	}

	@Test
	void errorStatusIsAResponseUnlessRaiseForStatus() throws Exception {
		int status = Async.run(() -> {
			try (ClientResponse r = Async.await(session.get(server.url("/status/404")))) {
				return r.status();
			}
		});
		assertThat(status).isEqualTo(404);
		try (ClientSession raising = ClientSession.builder().raiseForStatus(true).build()) {
			assertThatThrownBy(() -> Async.run(() -> Async.await(raising.get(server.url("/status/500")))))
					.isInstanceOfSatisfying(ClientResponseException.class, e -> {
						assertThat(e.status()).isEqualTo(500);
						assertThat(e.reason()).isEqualTo("Internal Server Error");
						assertThat(e.url()).hasPath("/status/500");
						assertThat(e.bodyExcerpt()).startsWith("detail: something broke").hasSize(1024);
						assertThat(e.getMessage()).contains("GET", "/status/500", "500 Internal Server Error", "detail");
					});
			// a request may opt out
			StepVerifier.create(raising.get(server.url("/status/503"), RequestOptions.builder().raiseForStatus(false).build())
							.doOnNext(ClientResponse::close).map(ClientResponse::status))
					.expectNext(503).verifyComplete();
		}
	}

	@Test
	void aClosedSessionSaysSo() {
		ClientSession s = ClientSession.create();
		var made = s.get(server.url("/user"));
		s.close();
		assertThat(s.isClosed()).isTrue();
		assertThatThrownBy(() -> s.get(server.url("/user")))
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("ClientSession is closed");
		StepVerifier.create(made).expectErrorSatisfies(e -> assertThat(e)
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("closed")).verify();
	}

	@Test
	void invalidUrlsAreSignalledBeforeAnythingIsSent() {
		StepVerifier.create(session.get("users/1")).expectErrorSatisfies(e -> assertThat(e)
				.isInstanceOf(InvalidUrlException.class).hasMessageContaining("relative").hasMessageContaining("baseUrl"))
				.verify();
		StepVerifier.create(session.get("ftp://127.0.0.1/x")).expectErrorSatisfies(e -> assertThat(e)
				.isInstanceOf(InvalidUrlException.class).hasMessageContaining("'ftp'")).verify();
		StepVerifier.create(session.get("http://127.0.0.1:1/a b")).expectErrorSatisfies(e -> assertThat(e)
				.isInstanceOf(InvalidUrlException.class).hasMessageContaining("Percent-encode")).verify();
		assertThatThrownBy(() -> ClientSession.builder().baseUrl("/relative"))
				.isInstanceOf(InvalidUrlException.class);
	}

	@Test
	void postWithNoBodySendsAnEmptyOne() {
		// aiohttp: await session.post(url) sends "Content-Length: 0"
		StepVerifier.create(session.post(server.url("/echo")).flatMap(r -> r.text()
						.map(t -> r.headers().get("X-Method") + " " + r.headers().get("X-Content-Length") + " [" + t + "]")))
				.expectNext("POST 0 []").verifyComplete();
	}

	@Test
	void foreverAndHugeTimeoutsMeanNeverInsteadOfOverflowing() throws Exception {
		// Duration.toNanos()/toMillis() overflow past ~292 years; every request used to fail with
		// "ArithmeticException: long overflow"
		for (Duration forever : new Duration[] {ChronoUnit.FOREVER.getDuration(), Duration.ofDays(106_752),
				Duration.ofSeconds(Long.MAX_VALUE)}) {
			try (ClientSession s = ClientSession.builder().maxConnections(1)
					.totalTimeout(forever).connectTimeout(forever).readTimeout(forever).build()) {
				User user = Async.run(() -> {
					// the second request waits for the pool's only connection under the same timeout
					Task<User> second = Async.createTask(() -> {
						try (ClientResponse r = Async.await(s.get(server.url("/user")))) {
							return Async.await(r.json(User.class));
						}
					});
					try (ClientResponse r = Async.await(s.get(server.url("/large")))) {
						assertThat(Async.await(r.read())).hasSize(TestServer.LARGE_SIZE);
					}
					return Async.await(second);
				});
				assertThat(user.login()).isEqualTo("iliakan");
				StepVerifier.create(s.get(server.url("/text"), RequestOptions.builder().timeout(forever).build())
								.flatMap(ClientResponse::text))
						.expectNext("héllo wörld").verifyComplete();
				assertThat(s.requestsInFlight()).as("a request that never times out still leaves when done").isZero();
			}
		}
	}

	@Test
	void aThousandRequestsLeaveNoDeadlineInFlight() throws Exception {
		// the total timeouts share one timer per length (Deadlines): each request must leave it when done, whether
		// its body was read, closed unread or never sent, and whatever its own timeout
		try (ClientSession s = ClientSession.builder().totalTimeout(Duration.ofSeconds(20)).build()) {
			RequestOptions own = RequestOptions.builder().timeout(Duration.ofSeconds(7)).build();
			int done = Async.run(() -> {
				List<Task<Integer>> tasks = new ArrayList<>();
				for (int t = 0; t < 8; t++) {
					int task = t;
					tasks.add(Async.createTask(() -> {
						int n = 0;
						for (int i = 0; i < 125; i++) {
							String path = i % 3 == 0 ? "/medium" : "/user";
							try (ClientResponse r = Async.await(task % 2 == 0 ? s.get(server.url(path))
									: s.get(server.url(path), own))) {
								if (i % 2 == 0) {
									Async.await(r.read());
								}
								n++;
							}
						}
						return n;
					}));
				}
				int sum = 0;
				for (Task<Integer> t : tasks) {
					sum += Async.await(t);
				}
				return sum;
			});
			assertThat(done).isEqualTo(1_000);
			assertThat(s.requestsInFlight()).isZero();
		}
	}

	@Test
	void requestMethodsAreMarkedCheckReturnValue() {
		// what makes an IDE or Error Prone flag "session.get(url);" whose Mono is never subscribed
		List<String> unmarked = new ArrayList<>();
		List<String> marked = new ArrayList<>();
		for (Class<?> type : List.of(ClientSession.class, Fetch.class)) {
			for (Method m : type.getMethods()) {
				if (Publisher.class.isAssignableFrom(m.getReturnType())) {
					(m.isAnnotationPresent(CheckReturnValue.class) ? marked : unmarked).add(type.getSimpleName() + "." + m.getName());
				}
			}
		}
		assertThat(unmarked).isEmpty();
		assertThat(marked).contains("ClientSession.get", "ClientSession.post", "ClientSession.put", "ClientSession.patch",
				"ClientSession.delete", "ClientSession.head", "ClientSession.request", "Fetch.fetch");
	}

	@Test
	void builderRejectsNonsense() {
		assertThatThrownBy(() -> ClientSession.builder().maxConnections(0)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> ClientSession.builder().totalTimeout(Duration.ZERO))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("totalTimeout");
		assertThatThrownBy(() -> session.get(null)).isInstanceOf(NullPointerException.class).hasMessage("url");
		assertThatThrownBy(() -> ClientSession.builder().ioThreads(0)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("ioThreads must be at least 1, was 0");
	}

	@Test
	void aSmallResponseIsSignalledAfterItsConnectionWentBackToThePool() throws Exception {
		// issue 14 §1: signalled before, the coroutine it woke asked for a connection while the response's own was
		// still taken, and queued for it; the request waiting for the pool's only connection must have it by then
		CountDownLatch firstReceived = new CountDownLatch(1);
		CompletableFuture<Void> answerFirst = new CompletableFuture<>();
		AtomicBoolean secondSent = new AtomicBoolean();
		try (TestServer hold = TestServer.handling((req, res) -> {
			if (req.uri().equals("/hold")) {
				firstReceived.countDown();
				return Mono.fromFuture(answerFirst).then(res.header("Content-Type", "application/json")
						.sendString(Mono.just("{}")).then());
			}
			return res.send(req.receive().retain());
		}).start(); ClientSession one = ClientSession.builder().maxConnections(1).ioThreads(1).build()) {
			Mono<Boolean> first = one.get(hold.url("/hold")).map(r -> {
				boolean sent = secondSent.get();
				r.close();
				return sent;
			});
			Mono<String> second = one.post(hold.url("/echo"), RequestBody.stream(Flux.defer(() -> {
				secondSent.set(true);
				return Flux.just(ByteBuffer.wrap("second".getBytes(StandardCharsets.UTF_8)));
			}), "text/plain")).flatMap(ClientResponse::text);
			CompletableFuture<Boolean> firstDone = first.toFuture();
			assertThat(firstReceived.await(10, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<String> secondDone = second.toFuture();
			answerFirst.complete(null);
			assertThat(firstDone.get(10, TimeUnit.SECONDS)).as("the second request had the connection").isTrue();
			assertThat(secondDone.get(10, TimeUnit.SECONDS)).isEqualTo("second");
		}
	}

	@Test
	void responsesArriveOnTheSharedIoThreadsByDefault() {
		// one shared set, one thread per processor (Reactor Netty's own default starts at least 4)
		StepVerifier.create(session.get(server.url("/user")).map(r -> {
			r.close();
			return Thread.currentThread().getName();
		})).assertNext(name -> assertThat(name).startsWith("reactor-http-session-").doesNotMatch("reactor-http-session-\\d+-.*"))
				.verifyComplete();
	}

	@Test
	void ioThreadsGivesTheSessionItsOwnThreadsThatCloseStops() throws InterruptedException {
		Thread io;
		try (ClientSession own = ClientSession.builder().ioThreads(1).build()) {
			io = ioThreadOf(own);
			assertThat(ioThreadOf(own)).as("one thread, so the same for every request").isSameAs(io);
		}
		assertThat(io.getName()).matches("reactor-http-session-\\d+-.*");
		io.join(Duration.ofSeconds(30));
		assertThat(io.isAlive()).as("the session's own IO thread is stopped by close()").isFalse();
	}

	/** The thread a response of the session arrives on. */
	private static Thread ioThreadOf(ClientSession s) {
		return s.get(server.url("/user")).map(r -> {
			r.close();
			return Thread.currentThread();
		}).block(Duration.ofSeconds(10));
	}
}
