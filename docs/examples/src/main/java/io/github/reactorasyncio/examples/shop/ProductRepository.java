package io.github.reactorasyncio.examples.shop;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A reactive, in-memory catalogue: it answers after a short delay on a Reactor timer thread, as a
 * reactive database driver would.
 */
@Repository
public class ProductRepository {

	private static final Duration LATENCY = Duration.ofMillis(2);

	private final Map<String, Product> products = new LinkedHashMap<>();

	/** A catalogue with a few products. */
	public ProductRepository() {
		for (String[] p : new String[][] {{"apple", "Apple"}, {"pear", "Pear"}, {"fig", "Fig"},
				{"durian", "Durian"}, {"snail", "Snail-mail catalogue"}, {"sloth", "Sloth plush"}}) {
			products.put(p[0], new Product(p[0], p[1]));
		}
	}

	/**
	 * @param id a product id
	 * @return a cold Mono of the product, empty if there is none
	 */
	public Mono<Product> findById(String id) {
		return Mono.justOrEmpty(products.get(id)).delayElement(LATENCY);
	}

	/** @return a cold Flux of every product, in catalogue order */
	public Flux<Product> findAll() {
		return Flux.fromIterable(products.values()).delayElements(LATENCY);
	}
}
