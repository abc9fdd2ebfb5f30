/**
 * reactor-asyncio's Spring Boot auto-configuration: the event loop group as beans, {@code Task} and {@code Future}
 * as WebFlux return types, the loops' meters. Opens its package to Spring, which reads and proxies the
 * configuration classes reflectively.
 */
module io.github.reactorasyncio.spring {
	requires transitive io.github.reactorasyncio;
	requires transitive spring.beans;
	requires transitive spring.boot;
	requires transitive spring.boot.autoconfigure;
	requires transitive spring.context;
	requires transitive spring.core;
	requires static transitive spring.web;
	requires static micrometer.core;
	requires static org.jspecify;

	exports io.github.reactorasyncio.spring;
	opens io.github.reactorasyncio.spring to spring.beans, spring.context, spring.core;
}
