package io.github.reactorasyncio.spring;

import java.util.concurrent.atomic.AtomicReference;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.EventLoopGroup;
import io.github.reactorasyncio.Task;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.github.reactorasyncio.metrics.EventLoopMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
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

	// Spring's test context cache may keep another test class's application (and its default group) open.
	private @Nullable EventLoopGroup defaultBefore;

	@BeforeEach
	void rememberTheDefaultGroup() {
		defaultBefore = Async.defaultGroup();
	}

	@AfterEach
	void theDefaultGroupIsRestored() {
		assertThat(Async.defaultGroup()).as("the default group after the context closed").isSameAs(defaultBefore);
	}

	@Test
	void byDefaultOneLoopPerCoreNotInDebugModeClosedWithTheContext() {
		AtomicReference<EventLoop> loop = new AtomicReference<>();
		runner.run(context -> {
			assertThat(context).hasSingleBean(EventLoopGroup.class).hasSingleBean(EventLoop.class);
			EventLoopGroup group = context.getBean(EventLoopGroup.class);
			assertThat(group.size()).isEqualTo(Runtime.getRuntime().availableProcessors());
			assertThat(group.loopName(0)).isEqualTo("reactor-asyncio-0");
			assertThat(context.getBean(EventLoop.class)).isSameAs(group.loops().get(0));
			assertThat(group.loops().get(0).isDebug()).isFalse();
			assertThat(context).doesNotHaveBean(ServerWebExchangeContextFilter.class);
			loop.set(context.getBean(EventLoop.class));
		});
		assertThat(loop.get().isClosed()).isTrue();
	}

	@Test
	void theGroupIsTheDefaultWhileTheContextIsOpenThenThePreviousDefaultIsBack() throws Exception {
		try (EventLoopGroup before = EventLoopGroup.create(1)) {
			Async.setDefaultGroup(before);
			try {
				runner.run(context -> {
					EventLoopGroup group = context.getBean(EventLoopGroup.class);
					assertThat(Async.defaultGroup()).isSameAs(group);
					// Async.mono and Async.run with no loop run on the Spring-configured loops
					assertThat(Async.mono(Async::currentLoop).block()).isIn(group.loops());
					assertThat(Async.run(Async::currentLoop)).isIn(group.loops());
				});
				assertThat(Async.defaultGroup()).isSameAs(before);
			}
			finally {
				Async.setDefaultGroup(defaultBefore);
			}
		}
	}

	@Test
	void theDefaultGroupCanBeLeftAlone() {
		runner.withPropertyValues("reactor-asyncio.default-group=false").run(context -> {
			assertThat(context).hasSingleBean(EventLoopGroup.class);
			assertThat(Async.defaultGroup()).isSameAs(defaultBefore);
			assertThat(Async.mono(Async::currentLoop).block())
					.isNotIn(context.getBean(EventLoopGroup.class).loops());
		});
	}

	@Test
	void anApplicationsOwnGroupBecomesTheDefault() {
		runner.withUserConfiguration(OwnGroup.class).run(context -> {
			assertThat(context).hasSingleBean(EventLoopGroup.class);
			assertThat(Async.defaultGroup()).isSameAs(context.getBean(OwnGroup.class).group);
		});
	}

	@Test
	void propertiesSetDebugModeAndTheNumberOfLoops() {
		runner.withPropertyValues("reactor-asyncio.debug=true", "reactor-asyncio.slow-callback-duration=20ms",
				"reactor-asyncio.loops=3").run(context -> {
					EventLoopGroup group = context.getBean(EventLoopGroup.class);
					assertThat(group.size()).isEqualTo(3);
					assertThat(group.loops()).allMatch(EventLoop::isDebug);
					assertThat(context.getBean(ReactorAsyncioProperties.class).slowCallbackDuration())
							.hasMillis(20);
				});
	}

	@Test
	void zeroLoopsMeansOnePerProcessor() {
		runner.withPropertyValues("reactor-asyncio.loops=0").run(context -> assertThat(
				context.getBean(EventLoopGroup.class).size()).isEqualTo(Runtime.getRuntime().availableProcessors()));
	}

	@Test
	void theLoopsMetersBindToARegistry() {
		runner.withPropertyValues("reactor-asyncio.loops=2").run(context -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(EventLoopMetrics.class).bindTo(registry);
			assertThat(registry.find("reactor.asyncio.loop.tasks.live").gauges())
					.map(g -> g.getId().getTag("loop")).containsExactlyInAnyOrder("reactor-asyncio-0", "reactor-asyncio-1");
		});
	}

	@Test
	void withoutMicrometerThereAreNoMeters() {
		runner.withClassLoader(new FilteredClassLoader("io.micrometer")).run(context -> {
			assertThat(context).hasNotFailed().hasSingleBean(EventLoopGroup.class);
			assertThat(context).doesNotHaveBean("reactorAsyncioEventLoopMetrics");
		});
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
					"\"reactor-asyncio.loops\"", "\"reactor-asyncio.default-group\"");
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
	static class OwnGroup {

		final EventLoopGroup group = EventLoopGroup.create(1);

		@Bean(destroyMethod = "close")
		EventLoopGroup myGroup() {
			return group;
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
