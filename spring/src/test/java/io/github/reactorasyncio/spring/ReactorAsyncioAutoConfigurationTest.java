package io.github.reactorasyncio.spring;

import java.util.concurrent.atomic.AtomicReference;

import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class ReactorAsyncioAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactorAsyncioAutoConfiguration.class));

	@Test
	void byDefaultOneLoopNotInDebugModeClosedWithTheContext() {
		AtomicReference<EventLoop> loop = new AtomicReference<>();
		runner.run(context -> {
			assertThat(context).hasSingleBean(EventLoopPool.class).hasSingleBean(EventLoop.class);
			EventLoopPool pool = context.getBean(EventLoopPool.class);
			assertThat(pool.size()).isEqualTo(1);
			assertThat(context.getBean(EventLoop.class)).isSameAs(pool.loops().get(0));
			assertThat(pool.loops().get(0).isDebug()).isFalse();
			assertThat(context).doesNotHaveBean(ServerWebExchangeContextFilter.class);
			loop.set(context.getBean(EventLoop.class));
		});
		assertThat(loop.get().isClosed()).isTrue();
	}

	@Test
	void propertiesSetDebugModeAndTheNumberOfLoops() {
		runner.withPropertyValues("reactor-asyncio.debug=true", "reactor-asyncio.slow-callback-duration=20ms",
				"reactor-asyncio.loops=3").run(context -> {
					EventLoopPool pool = context.getBean(EventLoopPool.class);
					assertThat(pool.size()).isEqualTo(3);
					assertThat(pool.loops()).allMatch(EventLoop::isDebug);
					assertThat(context.getBean(ReactorAsyncioProperties.class).slowCallbackDuration())
							.hasMillis(20);
				});
	}

	@Test
	void zeroLoopsMeansOnePerProcessor() {
		runner.withPropertyValues("reactor-asyncio.loops=0").run(context -> assertThat(
				context.getBean(EventLoopPool.class).size()).isEqualTo(Runtime.getRuntime().availableProcessors()));
	}

	@Test
	void aBadValueFailsStartUpNamingTheProperty() {
		runner.withPropertyValues("reactor-asyncio.loops=-2").run(context -> assertThat(context)
				.hasFailed().getFailure().rootCause().hasMessageContaining("reactor-asyncio.loops"));
	}

	@Test
	void anApplicationsOwnLoopWins() {
		runner.withUserConfiguration(OwnLoop.class).run(context -> {
			assertThat(context).hasSingleBean(EventLoop.class);
			assertThat(context.getBean(EventLoop.class)).isSameAs(context.getBean(OwnLoop.class).loop);
		});
	}

	@Test
	void registersTheAdaptersWithEveryRegistryBean() {
		runner.withUserConfiguration(OwnRegistry.class).run(context -> {
			ReactiveAdapterRegistry registry = context.getBean(ReactiveAdapterRegistry.class);
			assertThat(registry.getAdapter(Task.class)).isNotNull();
			assertThat(registry.getAdapter(Task.class).getReactiveType()).isEqualTo(Task.class);
		});
	}

	@Test
	void aReactiveWebApplicationGetsTheExchangeInTheContext() {
		new ReactiveWebApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(ReactorAsyncioAutoConfiguration.class))
				.run(context -> assertThat(context).hasSingleBean(ServerWebExchangeContextFilter.class));
	}

	@Test
	void thePropertiesAreDescribedForIdes() throws java.io.IOException {
		try (java.io.InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("configuration metadata on the class path").isNotNull();
			String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			assertThat(json).contains("\"reactor-asyncio.debug\"", "\"reactor-asyncio.slow-callback-duration\"",
					"\"reactor-asyncio.loops\"");
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnLoop {

		final EventLoop loop = EventLoop.create();

		@Bean(destroyMethod = "close")
		EventLoop myLoop() {
			return loop;
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistry {

		@Bean
		ReactiveAdapterRegistry myRegistry() {
			return new ReactiveAdapterRegistry();
		}
	}
}
