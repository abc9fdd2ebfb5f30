package io.github.reactorasyncio.examples.shop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** The shop's HTTP API; every handler body is a coroutine. */
@RestController
public class ShopController {

	private final ProductRepository products;
	private final PriceClient prices;
	private final EventLoop loop;
	private final Duration quoteTimeout;

	/**
	 * @param products the catalogue
	 * @param prices the pricing service
	 * @param loop the event loop bean of reactor-asyncio-spring
	 * @param quoteTimeout how long a quote may take
	 */
	public ShopController(ProductRepository products, PriceClient prices, EventLoop loop,
			@Value("${shop.quote-timeout:2s}") Duration quoteTimeout) {
		this.products = products;
		this.prices = prices;
		this.loop = loop;
		this.quoteTimeout = quoteTimeout;
	}

	// tag::handlers[]
	/**
	 * One product with its current price.
	 *
	 * @param id a product id
	 * @return the product with its price; 404 if there is no such product
	 */
	@GetMapping("/products/{id}")
	public Mono<ProductView> product(@PathVariable("id") String id) {
		return Async.mono(() -> view(id));                  // runs as a coroutine per request
	}

	/**
	 * Several products with their prices, looked up concurrently.
	 *
	 * @param ids product ids
	 * @return the products in the order asked for, and their total
	 */
	@GetMapping("/basket")
	public Mono<Basket> basket(@RequestParam("ids") List<String> ids) {
		return Async.mono(() -> {
			List<Task<ProductView>> lookups = new ArrayList<>();
			for (String id : ids) {
				lookups.add(Async.createTask(() -> view(id)));
			}
			List<ProductView> items = Async.gather(lookups);   // all at once, results in order
			return new Basket(items, items.stream().mapToInt(ProductView::priceCents).sum());
		});
	}

	/**
	 * One product with its price, within {@code shop.quote-timeout}.
	 *
	 * @param id a product id
	 * @return the product with its price, or 504 if that takes longer
	 */
	@GetMapping("/products/{id}/quote")
	public Mono<ProductView> quote(@PathVariable("id") String id) {
		return Async.mono(() -> Async.timeout(quoteTimeout, () -> view(id)));
	}

	/** {@return every product, without prices}: a {@code Task} works as a return type too. */
	@GetMapping("/products")
	public Task<List<Product>> all() {
		return loop.createTask(() -> Async.await(products.findAll().collectList()));
	}

	private ProductView view(String id) throws Exception {
		Product product = Async.await(products.findById(id));          // null for an empty Mono
		if (product == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No product " + id);
		}
		return new ProductView(product.id(), product.name(), prices.priceCents(id));
	}
	// end::handlers[]
}
