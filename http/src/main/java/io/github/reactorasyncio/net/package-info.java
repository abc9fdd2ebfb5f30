/**
 * asyncio's streams over TCP, on Reactor Netty: {@link io.github.reactorasyncio.net.Streams#openConnection}
 * ({@code asyncio.open_connection}) and {@link io.github.reactorasyncio.net.Streams#startServer}
 * ({@code asyncio.start_server}), with the {@link io.github.reactorasyncio.StreamReader} and
 * {@link io.github.reactorasyncio.StreamWriter} of the core. It lives in the http module because that is where
 * Reactor Netty is.
 */
@NullMarked
package io.github.reactorasyncio.net;

import org.jspecify.annotations.NullMarked;
