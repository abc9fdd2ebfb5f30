package io.github.reactorasyncio.examples.shop;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop on a real Netty server on a random port, against a fake pricing service (also real, on another
 * random port): success, a downstream 500, a timeout, and a client that disconnects mid-request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "shop.quote-timeout=300ms")
@Timeout(60)
class ShopApplicationTest {

	/** Products the fake pricing service never answers for. */
	private static final Set<String> NEVER_ANSWERED = Set.of("snail", "sloth");

	/** Every request the pricing service received, as "id requestId". */
	private static final Sinks.Many<String> PRICING_REQUESTS = Sinks.many().replay().all();

	private static DisposableServer pricing;

	@LocalServerPort
	int port;

	@Autowired
	CancelledLookups cancelledLookups;

	WebTestClient client;

	@DynamicPropertySource
	static void pricingService(DynamicPropertyRegistry registry) {
		pricing = HttpServer.create().host("127.0.0.1").port(0)
				.route(routes -> routes.get("/prices/{id}", (request, response) -> {
					String id = String.valueOf(request.param("id"));
					PRICING_REQUESTS.emitNext(id + " " + request.requestHeaders().get(ShopApplication.REQUEST_ID),
							Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
					if (id.equals("durian")) {
						return response.status(500).sendString(Mono.just("database on fire"));
					}
					if (NEVER_ANSWERED.contains(id)) {
						return Mono.never();
					}
					int cents = switch (id) {
						case "apple" -> 120;
						case "pear" -> 95;
						default -> 300;
					};
					return response.header("Content-Type", "application/json")
							.sendString(Mono.just("{\"cents\": " + cents + "}"));
				}))
				.bindNow();
		registry.add("shop.pricing-url", () -> "http://127.0.0.1:" + pricing.port() + "/");
	}

	@AfterAll
	static void stopPricingService() {
		if (pricing != null) {
			pricing.disposeNow();
		}
	}

	@BeforeEach
	void client() {
		client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
				.responseTimeout(Duration.ofSeconds(20)).build();
	}

	@Test
	void aProductWithItsPriceAndTheRequestIdPassedDownstream() {
		client.get().uri("/products/apple").header(ShopApplication.REQUEST_ID, "req-42").exchange()
				.expectStatus().isOk()
				.expectBody(ProductView.class).isEqualTo(new ProductView("apple", "Apple", 120));
		assertThat(PRICING_REQUESTS.asFlux().filter(r -> r.startsWith("apple ")).blockFirst(Duration.ofSeconds(10)))
				.isEqualTo("apple req-42");
	}

	@Test
	void anUnknownProductIs404() {
		client.get().uri("/products/kiwi").exchange().expectStatus().isNotFound();
	}

	@Test
	void aBasketFansOutAndKeepsTheOrder() {
		client.get().uri("/basket?ids=pear,apple,fig").exchange()
				.expectStatus().isOk()
				.expectBody(Basket.class).isEqualTo(new Basket(java.util.List.of(
						new ProductView("pear", "Pear", 95), new ProductView("apple", "Apple", 120),
						new ProductView("fig", "Fig", 300)), 515));
	}

	@Test
	void aTaskIsAReturnType() {
		client.get().uri("/products").exchange()
				.expectStatus().isOk()
				.expectBody().jsonPath("$[0].id").isEqualTo("apple").jsonPath("$.length()").isEqualTo(6);
	}

	@Test
	void aDownstream500BecomesACleanBadGateway() {
		client.get().uri("/products/durian").exchange()
				.expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
				.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.status").isEqualTo(502)
				.jsonPath("$.detail").isEqualTo("The pricing service answered 500 Internal Server Error");
	}

	@Test
	void aSlowLookupTimesOutAndItsCoroutineIsCancelled() {
		client.get().uri("/products/snail/quote").exchange()
				.expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
				.expectBody().jsonPath("$.detail").isEqualTo("The price took too long to look up");
		assertThat(cancelledLookups.events().filter("snail"::equals).blockFirst(Duration.ofSeconds(10)))
				.isEqualTo("snail");
	}

	@Test
	void aClientThatDisconnectsCancelsTheCoroutine() {
		Disposable request = HttpClient.create().get().uri("http://127.0.0.1:" + port + "/products/sloth")
				.responseContent().aggregate().asString().subscribe(body -> {
				}, error -> {
				});
		try {
			// the handler's coroutine is now suspended in the call to the pricing service
			assertThat(PRICING_REQUESTS.asFlux().filter(r -> r.startsWith("sloth ")).blockFirst(Duration.ofSeconds(20)))
					.isNotNull();
		}
		finally {
			request.dispose();                      // the client goes away mid-request
		}
		assertThat(cancelledLookups.events().filter("sloth"::equals).blockFirst(Duration.ofSeconds(20)))
				.isEqualTo("sloth");
	}
}
