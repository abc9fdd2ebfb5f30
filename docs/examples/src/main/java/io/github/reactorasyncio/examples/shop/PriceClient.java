package io.github.reactorasyncio.examples.shop;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.http.ClientResponse;
import io.github.reactorasyncio.http.ClientSession;
import io.github.reactorasyncio.http.RequestOptions;
import org.springframework.stereotype.Component;

/** The pricing service, called from coroutines. */
@Component
public class PriceClient {

	/** The pricing service's answer. */
	record Price(int cents) {
	}

	private final ClientSession session;
	private final CancelledLookups cancelled;

	/**
	 * @param session the session to the pricing service
	 * @param cancelled where cancelled lookups are recorded
	 */
	public PriceClient(ClientSession session, CancelledLookups cancelled) {
		this.session = session;
		this.cancelled = cancelled;
	}

	/**
	 * Looks up a price. Call it from a coroutine.
	 *
	 * @param productId the product
	 * @return its price in cents
	 * @throws io.github.reactorasyncio.http.ClientResponseException if the service answers with an error status
	 * @throws CancelledError if the calling task is cancelled meanwhile
	 * @throws Exception any other failure of the call
	 */
	// tag::client[]
	public int priceCents(String productId) throws Exception {
		String requestId = Async.context().get(ShopApplication.REQUEST_ID);   // the caller's, via the filter
		RequestOptions options = RequestOptions.builder().header(ShopApplication.REQUEST_ID, requestId).build();
		try (ClientResponse response = Async.await(session.get("prices/" + productId, options))) {
			return Async.await(response.json(Price.class)).cents();
		}
		catch (CancelledError e) {
			cancelled.record(productId);            // the client left or a timeout passed; nothing to undo
			throw e;                                // always re-throw a cancellation
		}
	}
	// end::client[]
}
