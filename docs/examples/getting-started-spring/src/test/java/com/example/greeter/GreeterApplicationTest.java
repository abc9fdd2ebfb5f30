package com.example.greeter;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The application on a real Netty server on a random port, called over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GreeterApplicationTest {

	@LocalServerPort
	int port;

	@Autowired
	Greeter greeter;

	WebTestClient client;

	@BeforeEach
	void client() {
		client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
				.responseTimeout(Duration.ofSeconds(10)).build();
	}

	@Test
	void greetsOverHttp() {
		client.get().uri("/hello/Ada").exchange()
				.expectStatus().isOk()
				.expectBody(String.class).isEqualTo("Hello, Ada!");
	}

	@Test
	void greetsEveryoneInOrder() {
		client.get().uri("/hello?name=Ada&name=Alan").exchange()
				.expectStatus().isOk()
				.expectBody().json("[\"Hello, Ada!\", \"Hello, Alan!\"]");
	}

	@Test
	void theEventLoopsMetricsAreInActuatorAndPrometheus() {
		client.get().uri("/hello/Ada").exchange().expectStatus().isOk();
		client.get().uri("/actuator/metrics/reactor.asyncio.loop.tasks.completed").exchange()
				.expectStatus().isOk()
				.expectBody()
				.jsonPath("$.availableTags[0].tag").isEqualTo("loop")
				.jsonPath("$.availableTags[0].values").value(List.class,
						loops -> assertThat(loops).contains("reactor-asyncio-0"))
				.jsonPath("$.measurements[0].value").value(Double.class,
						completed -> assertThat(completed).isGreaterThanOrEqualTo(1.0));
		client.get().uri("/actuator/prometheus").exchange()
				.expectStatus().isOk()
				.expectBody(String.class).value(body -> assertThat(body).contains(
						"reactor_asyncio_loop_lag_seconds_max{loop=\"reactor-asyncio-0\"}",
						"reactor_asyncio_loop_step_seconds_count{loop=\"reactor-asyncio-0\"}",
						"reactor_asyncio_loop_steps_slow_total{loop=\"reactor-asyncio-0\"}",
						"reactor_asyncio_loop_ready{loop=\"reactor-asyncio-0\"}",
						"reactor_asyncio_loop_tasks_live{loop=\"reactor-asyncio-0\"}",
						"reactor_asyncio_loop_tasks_scheduled_total{loop=\"reactor-asyncio-0\"}",
						"reactor_asyncio_loop_tasks_completed_total{loop=\"reactor-asyncio-0\"}",
						"reactor_asyncio_loop_tasks_cancelled_total{loop=\"reactor-asyncio-0\"}"));
	}

	@Test
	void theServiceIsAMonoToo() {
		StepVerifier.create(greeter.greetAll(List.of("Grace", "Edsger")))
				.expectNext(List.of("Hello, Grace!", "Hello, Edsger!"))
				.verifyComplete();
	}
}
