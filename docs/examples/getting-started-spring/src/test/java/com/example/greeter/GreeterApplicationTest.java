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
	void theServiceIsAMonoToo() {
		StepVerifier.create(greeter.greetAll(List.of("Grace", "Edsger")))
				.expectNext(List.of("Hello, Grace!", "Hello, Edsger!"))
				.verifyComplete();
	}
}
