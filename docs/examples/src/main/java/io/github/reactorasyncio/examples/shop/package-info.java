/**
 * A small Spring WebFlux shop whose handlers are coroutines: they await a reactive repository and an
 * outbound HTTP call through {@code ClientSession}, fan out with {@code Async.gather}, bound a call with
 * {@code Async.timeout}, and are cancelled when the client goes away.
 */
@NullMarked
package io.github.reactorasyncio.examples.shop;

import org.jspecify.annotations.NullMarked;
