package io.github.reactorasyncio.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.reactorasyncio.Async;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The session's {@link TraceConfig} callbacks, as aiohttp's {@code TraceConfig}, recorded as steps:
 *
 * <pre>
 * tc = aiohttp.TraceConfig()
 * tc.on_request_start.append(start); tc.on_request_end.append(end)
 * tc.on_request_exception.append(exc); tc.on_request_redirect.append(redirect)
 * async with aiohttp.ClientSession(trace_configs=[tc], raise_for_status=True) as s:
 *     await s.get(f"{url}/redirect")      # start, redirect 302, end 200
 *     await s.get(f"{url}/status/500")    # start, end 500, exception ClientResponseError
 * </pre>
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(30)
class TraceConfigTest {

	@RegisterExtension
	static final TestServer server = TestServer.standard();

	/** Records every call as a step, and the thread each ran on. */
	static final class Recorder implements TraceConfig {
		final List<String> steps = new CopyOnWriteArrayList<>();
		final List<String> threads = new CopyOnWriteArrayList<>();
		final List<Throwable> errors = new CopyOnWriteArrayList<>();
		final List<HttpHeaders> headers = new CopyOnWriteArrayList<>();

		@Override
		public void onRequestStart(String method, URI url, HttpHeaders h) {
			steps.add("start " + method + " " + url.getPath());
			headers.add(h);
			threads.add(Thread.currentThread().getName());
		}

		@Override
		public void onRequestEnd(String method, URI url, int status, Duration elapsed) {
			assertThat(elapsed).isPositive();
			steps.add("end " + method + " " + url.getPath() + " " + status);
			threads.add(Thread.currentThread().getName());
		}

		@Override
		public void onRequestException(String method, URI url, Throwable error, Duration elapsed) {
			steps.add("exception " + method + " " + url.getPath() + " " + error.getClass().getSimpleName());
			errors.add(error);
			threads.add(Thread.currentThread().getName());
		}

		@Override
		public void onRequestRedirect(String method, URI url, int status, String location) {
			steps.add("redirect " + method + " " + url.getPath() + " " + status + " " + location);
		}
	}

	@Test
	void startAndEndWithTheHeadersGivenAndTheStatus() throws Exception {
		Recorder r = new Recorder();
		try (ClientSession session = ClientSession.builder().header("X-Agent", "session").header("X-Token", "s")
				.traceConfig(r).build()) {
			Async.run(() -> {
				try (ClientResponse res = Async.await(session.get(server.url("/user"),
						RequestOptions.builder().header("X-Token", "request").build()))) {
					assertThat(res.status()).isEqualTo(200);
				}
				return null;
			});
		}
		assertThat(r.steps).containsExactly("start GET /user", "end GET /user 200");
		assertThat(r.headers.getFirst().getAll("X-Token")).containsExactly("request");
		assertThat(r.headers.getFirst().get("X-Agent")).isEqualTo("session");
		// start on the awaiting coroutine's thread (a virtual thread of the loop), end on a Netty event loop thread
		assertThat(r.threads.get(1)).startsWith("reactor-http-");
	}

	@Test
	void eachRedirectFollowedIsTracedBetweenStartAndEnd() throws Exception {
		Recorder r = new Recorder();
		try (ClientSession session = ClientSession.builder().traceConfig(r).build()) {
			StepVerifier.create(session.get(server.url("/hops/2")).doOnNext(ClientResponse::close).map(ClientResponse::status))
					.expectNext(200).verifyComplete();
		}
		assertThat(r.steps).containsExactly("start GET /hops/2", "redirect GET /hops/2 302 /hops/1",
				"redirect GET /hops/1 302 /hops/0", "redirect GET /hops/0 302 /user", "end GET /hops/2 200");
	}

	@Test
	void aFailureIsTracedWithTheSameExceptionTheCallerSees() throws Exception {
		Recorder r = new Recorder();
		try (ClientSession session = ClientSession.builder().traceConfig(r).readTimeout(Duration.ofMillis(200)).build()) {
			assertThatThrownBy(() -> Async.run(() -> Async.await(session.get(server.url("/never")))))
					.isInstanceOf(ClientTimeoutException.class)
					.satisfies(e -> assertThat(r.errors).singleElement().isSameAs(e));
		}
		assertThat(r.steps).containsExactly("start GET /never", "exception GET /never ClientTimeoutException");
	}

	@Test
	void underRaiseForStatusAnErrorStatusIsAnEndThenAnExceptionAsInAiohttp() throws Exception {
		Recorder r = new Recorder();
		try (ClientSession session = ClientSession.builder().raiseForStatus(true).traceConfig(r).build()) {
			assertThatThrownBy(() -> Async.run(() -> Async.await(session.get(server.url("/status/500")))))
					.isInstanceOf(ClientResponseException.class)
					.satisfies(e -> assertThat(r.errors).singleElement().isSameAs(e));
		}
		assertThat(r.steps).containsExactly("start GET /status/500", "end GET /status/500 500",
				"exception GET /status/500 ClientResponseException");
	}

	@Test
	void aCallbackThatThrowsBreaksNeitherTheRequestNorTheOtherCallbacks() throws Exception {
		TraceConfig throwing = new TraceConfig() {
			@Override
			public void onRequestStart(String method, URI url, HttpHeaders headers) {
				throw new IllegalStateException("boom at start");
			}

			@Override
			public void onRequestEnd(String method, URI url, int status, Duration elapsed) {
				throw new IllegalStateException("boom at end");
			}

			@Override
			public void onRequestRedirect(String method, URI url, int status, String location) {
				throw new IllegalStateException("boom at redirect");
			}
		};
		Recorder after = new Recorder();
		try (ClientSession session = ClientSession.builder().traceConfig(throwing).traceConfig(after).build()) {
			StepVerifier.create(session.get(server.url("/redirect")).flatMap(ClientResponse::text))
					.expectNext(TestServer.USER_JSON).verifyComplete();
		}
		assertThat(after.steps).containsExactly("start GET /redirect", "redirect GET /redirect 302 /user",
				"end GET /redirect 200");
	}

	@Test
	void aCancelledRequestGetsNoEndAndNoException() throws Exception {
		Recorder r = new Recorder();
		try (ClientSession session = ClientSession.builder().traceConfig(r).build()) {
			StepVerifier.create(session.get(server.url("/never")))
					.expectSubscription().thenCancel().verify();
			assertThat(session.requestsInFlight()).isZero();
		}
		assertThat(r.steps).containsExactly("start GET /never");
	}
}
