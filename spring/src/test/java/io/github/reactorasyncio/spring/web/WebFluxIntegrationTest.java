package io.github.reactorasyncio.spring.web;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The auto-configuration in a real WebFlux application on Netty, on a random port. */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(60)
class WebFluxIntegrationTest {

	@LocalServerPort
	int port;

	WebTestClient client;

	@BeforeEach
	void client() {
		client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
	}

	@Test
	void aHandlerMayReturnATask() {
		client.get().uri("/task").exchange().expectStatus().isOk().expectBody(String.class)
				.isEqualTo("from a task on the Spring loop: true");
	}

	@Test
	void aHandlerMayReturnAFuture() {
		client.get().uri("/future").exchange().expectStatus().isOk().expectBody(String.class)
				.isEqualTo("from a future");
	}

	@Test
	void aCoroutineSeesTheRequestsReactorContext() {
		client.get().uri("/context").header("X-Tenant", "acme").exchange().expectStatus().isOk()
				.expectBody(String.class).isEqualTo("acme /context");
	}

	@Test
	void theGroupRunsHandlersOnItsLoops() {
		client.get().uri("/group").exchange().expectStatus().isOk().expectBody(String.class)
				.isEqualTo("on a group loop: true");
	}

	@Test
	void asyncMonoWithoutALoopRunsOnTheSpringConfiguredLoops() {
		for (int i = 0; i < 4; i++) {   // round-robin: every loop of the group, not just the first
			client.get().uri("/default").exchange().expectStatus().isOk().expectBody(String.class)
					.isEqualTo("on a group loop: true");
		}
	}

	@Test
	void aClientThatDisconnectsCancelsTheReturnedTask() throws InterruptedException {
		Disposable request = HttpClient.create().get().uri("http://127.0.0.1:" + port + "/hang")
				.responseContent().aggregate().asString().subscribe(body -> {
				}, error -> {
				});
		try {
			assertThat(WebTestApplication.hangStarted.await(20, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			request.dispose();
		}
		assertThat(WebTestApplication.hangCancelled.await(20, TimeUnit.SECONDS)).isTrue();
	}
}
