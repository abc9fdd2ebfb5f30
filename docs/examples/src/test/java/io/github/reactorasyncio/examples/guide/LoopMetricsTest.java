package io.github.reactorasyncio.examples.guide;

import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.EventLoopGroup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class LoopMetricsTest {

	@Test
	void bindsEveryLoopWithItsName() throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		try (EventLoopGroup group = EventLoopGroup.create(2); EventLoop loop = EventLoop.create()) {
			LoopMetrics.bind(group, loop, registry);
			loop.run(() -> "counted");
			assertThat(registry.find("reactor.asyncio.loop.tasks.live").gauges())
					.map(g -> g.getId().getTag("loop")).containsExactlyInAnyOrder("loops-0", "loops-1", "main");
			assertThat(registry.get("reactor.asyncio.loop.tasks.completed").tags("loop", "main", "app", "shop")
					.counter().count()).isEqualTo(1);
		}
	}
}
