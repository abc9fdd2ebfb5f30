package io.github.reactorasyncio.examples.shop;

import java.util.List;

/**
 * Several products priced at once.
 *
 * @param items the products, in the order asked for
 * @param totalCents the sum of their prices
 */
public record Basket(List<ProductView> items, int totalCents) {
}
