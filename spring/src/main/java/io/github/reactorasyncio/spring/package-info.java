/**
 * Spring Boot auto-configuration for reactor-asyncio: an {@link io.github.reactorasyncio.EventLoopGroup} (one
 * loop per core) that {@code Async.mono}, {@code Async.flux} and {@code Async.run} use while the application
 * context is open, and its first loop as an {@link io.github.reactorasyncio.EventLoop} bean, both closed with it;
 * {@link io.github.reactorasyncio.Task} and {@link io.github.reactorasyncio.Future} as WebFlux return types,
 * and the request's {@code ServerWebExchange} in the Reactor {@code Context} that coroutines see through
 * {@link io.github.reactorasyncio.Async#context()}.
 *
 * <p>Nothing here needs to be imported by an application: adding the jar is enough. The types are public so
 * that an application can replace a bean or register the adapters with a registry of its own.
 */
@NullMarked
package io.github.reactorasyncio.spring;

import org.jspecify.annotations.NullMarked;
