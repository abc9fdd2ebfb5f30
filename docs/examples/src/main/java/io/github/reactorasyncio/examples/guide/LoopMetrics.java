package io.github.reactorasyncio.examples.guide;

import java.time.Duration;

import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.EventLoopGroup;
import io.github.reactorasyncio.metrics.EventLoopMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** docs/metrics.md: binding the loops' meters by hand, outside Spring Boot. */
public final class LoopMetrics {

	private LoopMetrics() {
	}

	/**
	 * Binds a group's loops and one more loop to a registry.
	 *
	 * @param group loops named {@code loops-0}, {@code loops-1}, ...
	 * @param loop a loop of its own
	 * @param registry where the meters go
	 */
	public static void bind(EventLoopGroup group, EventLoop loop, MeterRegistry registry) {
		// tag::bind[]
		EventLoopMetrics.of(group).bindTo(registry);              // loop=loops-0, loops-1, ...
		EventLoopMetrics.of(loop, "main")                         // loop=main
				.tags(Tags.of("app", "shop"))                     // more tags on every meter
				.lagSampleInterval(Duration.ofMillis(20))         // probe the lag more often (default 100 ms)
				.bindTo(registry);
		// end::bind[]
	}
}
