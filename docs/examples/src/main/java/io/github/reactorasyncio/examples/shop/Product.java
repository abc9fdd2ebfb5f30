package io.github.reactorasyncio.examples.shop;

/**
 * A product of the catalogue.
 *
 * @param id its id, as in URLs
 * @param name its display name
 */
public record Product(String id, String name) {
}
