package io.github.reactorasyncio.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.Task;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(NettyLeakCheck.class)
@Timeout(120)
class ClientSessionStressTest {

	@RegisterExtension
	static final TestServer server = TestServer.standard();

	private static final int WORKERS = 20;
	/** Requests per worker: well over the pool's 10 connections even when scaled down. */
	private static final int REQUESTS_PER_WORKER = StressSize.of(500, 25);
	private static final int LARGE_BODIES = StressSize.of(20, 5);
	private static final int IN_FLIGHT = StressSize.of(1000, 50);

	@Test
	void thousandsOfUnreadResponsesDoNotExhaustAPoolOfTen() throws Exception {
		// with a leaked connection per unread body, the pool would be empty after 10 requests and the 11th
		// would fail with the total timeout
		try (ClientSession session = ClientSession.builder().maxConnections(10).totalTimeout(Duration.ofSeconds(10)).build()) {
			int done = Async.run(() -> {
				List<Task<Integer>> workers = new ArrayList<>();
				for (int w = 0; w < WORKERS; w++) {
					workers.add(Async.createTask(() -> {
						int statuses = 0;
						for (int i = 0; i < REQUESTS_PER_WORKER; i++) {
							try (ClientResponse r = Async.await(session.get(server.url("/medium")))) {
								statuses += r.status() == 200 ? 1 : 0;
							}
						}
						return statuses;
					}));
				}
				int sum = 0;
				for (Task<Integer> t : workers) {
					sum += Async.await(t);
				}
				return sum;
			});
			assertThat(done).isEqualTo(WORKERS * REQUESTS_PER_WORKER);
		}
	}

	@Test
	void unreadLargeBodiesAreReleasedToo() throws Exception {
		try (ClientSession session = ClientSession.builder().maxConnections(1).totalTimeout(Duration.ofSeconds(10)).build()) {
			int done = Async.run(() -> {
				int n = 0;
				for (int i = 0; i < LARGE_BODIES; i++) {
					try (ClientResponse r = Async.await(session.get(server.url("/large")))) {
						n += r.status() == 200 ? 1 : 0;
					}
				}
				return n;
			});
			assertThat(done).isEqualTo(LARGE_BODIES);
		}
	}

	@Test
	void manyCoroutinesOnOneLoopHaveAsManyRequestsInFlightAtOnce() throws Exception {
		int n = IN_FLIGHT;
		// the server answers no request until all n are in flight: only truly concurrent requests finish
		AtomicInteger arrived = new AtomicInteger();
		Sinks.Empty<Void> allArrived = Sinks.empty();
		try (TestServer gate = TestServer.handling((req, res) -> {
					if (arrived.incrementAndGet() == n) {
						allArrived.tryEmitEmpty();
					}
					return allArrived.asMono().then(res.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
							.sendString(Mono.just("{\"login\":\"u\",\"id\":" + req.uri().substring(1) + ",\"name\":\"n\"}")).then());
				}).start();
				ClientSession session = ClientSession.builder().maxConnections(n).totalTimeout(Duration.ofSeconds(60)).build()) {
			List<Long> ids = Async.run(() -> {
				List<Task<User>> tasks = new ArrayList<>();
				for (int i = 0; i < n; i++) {
					String url = gate.url("/" + i);
					tasks.add(Async.createTask(() -> {
						try (ClientResponse r = Async.await(session.get(url))) {
							return Async.await(r.json(User.class));
						}
					}));
				}
				List<Long> result = new ArrayList<>();
				for (Task<User> t : tasks) {
					result.add(Async.await(t).id());
				}
				return result;
			});
			assertThat(ids).hasSize(n).doesNotHaveDuplicates();
			assertThat(arrived.get()).isEqualTo(n);
		}
	}
}
