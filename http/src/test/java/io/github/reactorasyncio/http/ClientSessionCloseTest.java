package io.github.reactorasyncio.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ClientSession#close()} fails the requests in flight at once with {@link SessionClosedException}
 * and closes their connections, in every phase: waiting for a pooled connection, for the response, with
 * the body unread, and while it is read. The server never finishes an answer and every timeout of the
 * session is a minute, so only the close can end a request within the test's bounded waits; the server
 * records each connection that closes, which proves the connections were released.
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(60)
class ClientSessionCloseTest {

	/** Requests that reached the server, released as they arrive; connections the server saw closed. */
	final Semaphore arrived = new Semaphore(0);
	final Semaphore disconnected = new Semaphore(0);

	/** {@code /headers}: never answers. {@code /body}: headers and the start of a 1 MB body, then nothing. */
	@RegisterExtension
	final TestServer server = TestServer.handling((req, res) -> {
		req.withConnection(c -> c.onDispose(disconnected::release));
		arrived.release();
		return req.uri().equals("/headers") ? Mono.never()
				: res.header("Content-Type", "text/plain").header("Content-Length", "1000000")
						.sendString(Flux.just("the start of a body that never ends").concatWith(Flux.never()));
	});

	private static ClientSession slowTimeouts(int maxConnections) {
		Duration minute = Duration.ofMinutes(1);
		return ClientSession.builder().maxConnections(maxConnections)
				.totalTimeout(minute).readTimeout(minute).connectTimeout(minute).build();
	}

	private void awaitArrivals(int n) throws InterruptedException {
		assertThat(arrived.tryAcquire(n, 10, TimeUnit.SECONDS)).as("%s requests reached the server", n).isTrue();
	}

	private void awaitDisconnects(int n) throws InterruptedException {
		assertThat(disconnected.tryAcquire(n, 10, TimeUnit.SECONDS)).as("the server saw %s connections closed", n).isTrue();
	}

	@Test
	void requestsWaitingForTheirResponseOrAPooledConnectionFailAtOnce() throws Exception {
		ClientSession session = slowTimeouts(1);
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		CountDownLatch failed = new CountDownLatch(2);
		// the first holds the only connection; the second waits for it in the pool's queue
		session.get(server.url("/headers")).subscribe(r -> errors.add(new AssertionError("a response")), e -> {
			errors.add(e);
			failed.countDown();
		});
		awaitArrivals(1);
		session.get(server.url("/headers")).subscribe(r -> errors.add(new AssertionError("a response")), e -> {
			errors.add(e);
			failed.countDown();
		});
		assertThat(session.requestsInFlight()).isEqualTo(2);
		session.close();
		assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(errors).hasSize(2).allSatisfy(e -> assertThat(e)
				.isInstanceOf(SessionClosedException.class)
				.isInstanceOf(ClientConnectionException.class)
				.hasMessageContaining("GET " + server.url("/headers"))
				.hasMessageContaining("was aborted because its ClientSession was closed"));
		awaitDisconnects(1);
		assertThat(server.requests()).as("the queued request never got a connection").isEqualTo(1);
		assertThat(session.requestsInFlight()).isZero();
	}

	@Test
	void anUnreadBodyAndABodyBeingReadFailAtOnce() throws Exception {
		ClientSession session = slowTimeouts(2);
		ClientResponse unread = session.get(server.url("/body")).block(Duration.ofSeconds(10));
		ClientResponse reading = session.get(server.url("/body")).block(Duration.ofSeconds(10));
		awaitArrivals(2);
		CountDownLatch failed = new CountDownLatch(1);
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		reading.text().subscribe(t -> errors.add(new AssertionError("a body")), e -> {
			errors.add(e);
			failed.countDown();
		});
		assertThat(reading.state()).isEqualTo(ClientResponse.State.READING);
		session.close();
		assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(errors).singleElement().isInstanceOf(SessionClosedException.class);
		assertThat(unread.state()).isEqualTo(ClientResponse.State.CLOSED);
		StepVerifier.create(unread.text()).expectError(SessionClosedException.class).verify(Duration.ofSeconds(10));
		awaitDisconnects(2);
		assertThat(session.requestsInFlight()).isZero();
	}

	@Test
	void aCoroutineAwaitingARequestCatchesTheCloseAsAConnectionError() throws Exception {
		try (ClientSession session = slowTimeouts(10)) {
			List<String> steps = new CopyOnWriteArrayList<>();
			Async.run(() -> {
				Task<Void> waiter = Async.createTask(() -> {
					try (ClientResponse r = Async.await(session.get(server.url("/headers")))) {
						steps.add("response " + r.status());
					}
					catch (ClientConnectionException e) {
						steps.add("caught " + e.getClass().getSimpleName());
					}
					return null;
				});
				// the request is in flight once the server has it; Async.toThread keeps the loop free meanwhile
				Async.toThread(() -> {
					awaitArrivals(1);
					return null;
				});
				steps.add("close");
				session.close();
				Async.await(waiter);
				steps.add("done");
				return null;
			});
			assertThat(steps).containsExactly("close", "caught SessionClosedException", "done");
			awaitDisconnects(1);
		}
	}

	@Test
	void aCancelledRequestIsNoLongerInFlightAndAClosedSessionRefusesNewRequests() throws Exception {
		ClientSession session = slowTimeouts(1);
		reactor.core.Disposable request = session.get(server.url("/headers")).subscribe();
		awaitArrivals(1);
		assertThat(session.requestsInFlight()).isEqualTo(1);
		request.dispose();
		assertThat(session.requestsInFlight()).isZero();
		awaitDisconnects(1);
		session.close();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.get(server.url("/headers")))
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("ClientSession is closed");
	}
}
