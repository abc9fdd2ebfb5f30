package io.github.reactorasyncio.examples.shop;

/**
 * A product with its current price, as the API returns it.
 *
 * @param id the product id
 * @param name the display name
 * @param priceCents the price from the pricing service, in cents
 */
public record ProductView(String id, String name, int priceCents) {
}
