/**
 * reactor-asyncio's HTTP client: an aiohttp-style {@code ClientSession} and a JavaScript-style {@code fetch} on
 * Reactor Netty, JSON by Jackson 3. Exports the public API only, not {@code io.github.reactorasyncio.http.internal}.
 */
module io.github.reactorasyncio.http {
	requires transitive io.github.reactorasyncio;
	requires transitive reactor.netty.http;
	requires transitive reactor.netty.core;
	requires transitive io.netty.codec.http;
	requires io.netty.buffer;
	requires io.netty.common;
	requires io.netty.transport;
	requires io.netty.codec;
	requires io.netty.codec.compression;
	requires io.netty.handler;
	requires transitive tools.jackson.databind;
	requires tools.jackson.core;
	requires static transitive org.jspecify;
	requires static transitive com.google.errorprone.annotations;

	exports io.github.reactorasyncio.http;
}
