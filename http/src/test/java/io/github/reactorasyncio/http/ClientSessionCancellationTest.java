package io.github.reactorasyncio.http;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling a coroutine that awaits a request releases the connection, whether the response had arrived
 * or not. Each test uses a pool of one connection, so a leaked connection would make the next request
 * wait until its total timeout.
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(30)
class ClientSessionCancellationTest {

	@RegisterExtension
	static final TestServer server = TestServer.standard();

	private static ClientSession onePool() {
		return ClientSession.builder().maxConnections(1).totalTimeout(Duration.ofSeconds(5)).build();
	}

	@Test
	void aResponseThatArrivesAfterTheAwaiterWasCancelledIsClosed() throws Exception {
		// the server answers only when the test opens the gate, so the waiter is surely suspended by then;
		// the chunked body is not read with the headers, so the late response holds the only connection
		Sinks.Empty<Void> gate = Sinks.empty();
		try (TestServer gated = TestServer.handling((req, res) -> gate.asMono()
						.then(res.sendByteArray(Flux.range(0, 8).map(i -> new byte[1024])).then())).start();
				ClientSession session = onePool()) {
			String url = gated.url("/");
			AtomicReference<ClientResponse> late = new AtomicReference<>();
			CountDownLatch delivered = new CountDownLatch(1);
			String outcome = Async.run(() -> {
				Task<ClientResponse> waiter = Async.createTask(() -> Async.await(session.get(url)
						.doOnNext(late::set)
						.doAfterTerminate(delivered::countDown)));
				Async.yieldNow(); // the waiter subscribes and suspends: the server has not answered
				gate.tryEmitEmpty();
				// hold the loop until the response was handed to the suspended waiter, so it cannot resume yet
				assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
				waiter.cancel();
				try {
					Async.await(waiter);
					return "not cancelled";
				}
				catch (CancelledError e) {
					return "cancelled";
				}
			});
			assertThat(outcome).isEqualTo("cancelled");
			assertThat(late.get()).isNotNull();
			assertThat(late.get().state()).as("the late response was closed by the await").isEqualTo(ClientResponse.State.CLOSED);
			// the only pooled connection is free again
			StepVerifier.create(session.get(url).flatMap(ClientResponse::read).map(b -> b.length))
					.expectNext(8192).verifyComplete();
		}
	}

	@Test
	void cancellingACoroutineWhileTheRequestIsInFlightAbortsIt() throws Exception {
		try (ClientSession session = onePool()) {
			String outcome = Async.run(() -> {
				Task<ClientResponse> waiter = Async.createTask(() -> Async.await(session.get(server.url("/never"))));
				Async.yieldNow();
				waiter.cancel("no longer needed");
				try {
					Async.await(waiter);
					return "not cancelled";
				}
				catch (CancelledError e) {
					return e.getMessage();
				}
			});
			assertThat(outcome).isEqualTo("no longer needed");
			StepVerifier.create(session.get(server.url("/user")).flatMap(ClientResponse::text))
					.expectNext(TestServer.USER_JSON).verifyComplete();
		}
	}

	@Test
	void disposingAnAsyncMonoCancelsItsRequest() {
		try (ClientSession session = onePool()) {
			CountDownLatch subscribed = new CountDownLatch(1);
			Disposable d = Async.mono(() -> Async.await(session.get(server.url("/never"))
					.doOnSubscribe(s -> subscribed.countDown()))).subscribe();
			try {
				assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();
			}
			catch (InterruptedException e) {
				throw new AssertionError(e);
			}
			d.dispose();
			StepVerifier.create(session.get(server.url("/user")).flatMap(ClientResponse::text))
					.expectNext(TestServer.USER_JSON).verifyComplete();
		}
	}
}
