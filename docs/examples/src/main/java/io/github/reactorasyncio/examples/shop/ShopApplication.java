package io.github.reactorasyncio.examples.shop;

import io.github.reactorasyncio.http.ClientSession;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

/**
 * The shop: run it with a pricing service at {@code shop.pricing-url} (default {@code http://127.0.0.1:8081/}).
 * The reactor-asyncio-spring jar on the class path is all the set-up coroutines need.
 */
@SpringBootApplication
public class ShopApplication {

	/** The header that carries a request id, from the client to the pricing service. */
	public static final String REQUEST_ID = "X-Request-Id";

	/** Creates the application; Spring does this. */
	public ShopApplication() {
	}

	/**
	 * Starts the shop.
	 *
	 * @param args Spring Boot's command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(ShopApplication.class, args);
	}

	/**
	 * One HTTP session (connection pool) for every call to the pricing service, closed with the context.
	 *
	 * @param pricingUrl the pricing service's base URL
	 * @return the session
	 */
	// tag::session[]
	@Bean(destroyMethod = "close")
	ClientSession pricingSession(@Value("${shop.pricing-url:http://127.0.0.1:8081/}") String pricingUrl) {
		return ClientSession.builder()
				.baseUrl(pricingUrl)
				.raiseForStatus(true)                    // a 5xx becomes a ClientResponseException
				.totalTimeout(java.time.Duration.ofSeconds(30))
				.build();
	}

	/** Puts the caller's request id into the Reactor context, where coroutines read it. */
	@Bean
	WebFilter requestIdFilter() {
		return (exchange, chain) -> {
			String id = exchange.getRequest().getHeaders().getFirst(REQUEST_ID);
			return chain.filter(exchange).contextWrite(ctx -> ctx.put(REQUEST_ID, id != null ? id : "none"));
		};
	}
	// end::session[]
}
