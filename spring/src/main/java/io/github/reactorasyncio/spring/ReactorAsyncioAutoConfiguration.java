package io.github.reactorasyncio.spring;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.EventLoopGroup;
import io.github.reactorasyncio.metrics.EventLoopMetrics;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;

/**
 * Spring Boot auto-configuration of reactor-asyncio. It provides:
 * <ul>
 *   <li>an {@link EventLoopGroup} of {@code reactor-asyncio.loops} loops (default: one per core), configured
 *       from {@link ReactorAsyncioProperties} and closed with the context;</li>
 *   <li>that group as the {@link Async#setDefaultGroup default group} while the context is open (unless
 *       {@code reactor-asyncio.default-group=false}), so that {@code Async.mono(() -> ...)},
 *       {@code Async.flux(...)} and {@code Async.run(...)} written without a loop run on these loops; the
 *       previous default is restored when the context closes;</li>
 *   <li>an {@link EventLoop} bean, the group's first loop, for code that wants one loop
 *       ({@code Async.mono(loop, ...)}, {@code loop.createTask(...)});</li>
 *   <li>{@link FutureAdapters} on every {@link ReactiveAdapterRegistry} bean, so that a WebFlux handler may
 *       return a {@code Task} or {@code Future};</li>
 *   <li>when Micrometer is on the class path, {@link EventLoopMetrics} for the group's loops, which Actuator binds
 *       to the application's {@code MeterRegistry};</li>
 *   <li>in a reactive web application, Spring's {@link ServerWebExchangeContextFilter}, so that a coroutine
 *       finds the current exchange in {@code Async.context()}.</li>
 * </ul>
 * Each bean steps aside for one of the same type that the application defines; an application's own
 * {@code EventLoopGroup} bean becomes the default group in the same way.
 */
@AutoConfiguration
@EnableConfigurationProperties(ReactorAsyncioProperties.class)
public class ReactorAsyncioAutoConfiguration {

	/** The name of the auto-configured group, and so the prefix of its loops' names ({@code reactor-asyncio-0}). */
	public static final String GROUP_NAME = "reactor-asyncio";

	/** Creates the auto-configuration; Spring does this. */
	public ReactorAsyncioAutoConfiguration() {
	}

	/**
	 * The loops, configured from the properties.
	 *
	 * @param properties the {@code reactor-asyncio.*} properties
	 * @return a group closed with the context
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	public EventLoopGroup reactorAsyncioEventLoopGroup(ReactorAsyncioProperties properties) {
		return EventLoopGroup.create(GROUP_NAME, properties.effectiveLoops(), loop -> {
			loop.setDebug(properties.debug());
			loop.setSlowCallbackDuration(properties.slowCallbackDuration());
		});
	}

	/**
	 * The group's first loop.
	 *
	 * @param group the group that owns (and closes) the loop
	 * @return the loop
	 */
	// No destroy method: the group closes its loops, and Spring would otherwise infer close().
	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	public EventLoop reactorAsyncioEventLoop(EventLoopGroup group) {
		return group.loops().get(0);
	}

	/**
	 * Makes the context's {@link EventLoopGroup} the {@link Async#setDefaultGroup default group} as soon as the
	 * group bean is initialised (so even an early {@code @PostConstruct} sees it), and puts the previous default
	 * back before the group is destroyed. Static, as bean post-processors must be.
	 *
	 * @param environment where {@code reactor-asyncio.default-group} is read
	 * @return the post-processor
	 */
	@Bean
	public static BeanPostProcessor reactorAsyncioDefaultGroup(Environment environment) {
		boolean enabled = environment.getProperty("reactor-asyncio.default-group", Boolean.class, true);
		return new DefaultGroupInstaller(enabled);
	}

	/** Installs the first {@link EventLoopGroup} bean as the default group and restores the previous one. */
	private static final class DefaultGroupInstaller implements DestructionAwareBeanPostProcessor {

		private final boolean enabled;
		private @Nullable EventLoopGroup installed;
		private @Nullable EventLoopGroup previous;

		DefaultGroupInstaller(boolean enabled) {
			this.enabled = enabled;
		}

		@Override
		public synchronized Object postProcessAfterInitialization(Object bean, String beanName) {
			if (enabled && installed == null && bean instanceof EventLoopGroup group) {
				previous = Async.setDefaultGroup(group);
				installed = group;
			}
			return bean;
		}

		@Override
		public synchronized void postProcessBeforeDestruction(Object bean, String beanName) {
			if (bean != installed || installed == null) {
				return;
			}
			// Another context may have set its own group since; leave that one alone.
			if (Async.defaultGroup() == installed) {
				EventLoopGroup restore = previous;
				Async.setDefaultGroup(restore != null && !restore.isClosed() ? restore : null);
			}
			installed = null;
			previous = null;
		}

		@Override
		public boolean requiresDestruction(Object bean) {
			return bean instanceof EventLoopGroup;
		}
	}

	/**
	 * Registers {@link FutureAdapters} with each {@link ReactiveAdapterRegistry} bean as it is created.
	 * Static, as bean post-processors must be, so that it does not pull this configuration in early.
	 *
	 * @param loop the loop for conversions from a {@code Publisher}, looked up only when one happens
	 * @return the post-processor
	 */
	@Bean
	public static BeanPostProcessor reactorAsyncioAdapterRegistrar(ObjectProvider<EventLoop> loop) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof ReactiveAdapterRegistry registry) {
					FutureAdapters.register(registry, loop::getObject);
				}
				return bean;
			}
		};
	}

	/**
	 * Micrometer meters for the group's loops, when Micrometer is on the class path. The bean is a
	 * {@code MeterBinder}, which Spring Boot's Actuator binds to the application's {@code MeterRegistry}, so the
	 * meters appear at {@code /actuator/metrics} and {@code /actuator/prometheus} with no code.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	public static class MetricsConfiguration {

		/** Creates the configuration; Spring does this. */
		public MetricsConfiguration() {
		}

		/**
		 * The meters of every loop of the group, tagged {@code loop=reactor-asyncio-0, ...}.
		 *
		 * @param group the loops to measure
		 * @return the binder
		 */
		@Bean
		@ConditionalOnMissingBean
		public EventLoopMetrics reactorAsyncioEventLoopMetrics(EventLoopGroup group) {
			return EventLoopMetrics.of(group);
		}
	}

	/** Puts the exchange in the Reactor context of WebFlux requests, where coroutines can read it. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ServerWebExchangeContextFilter.class)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	public static class ExchangeContextConfiguration {

		/** Creates the configuration; Spring does this. */
		public ExchangeContextConfiguration() {
		}

		/**
		 * Spring's filter that writes the {@code ServerWebExchange} into the Reactor context; read it in a
		 * coroutine with {@code ServerWebExchangeContextFilter.getExchange(Async.context())}.
		 *
		 * @return the filter
		 */
		@Bean
		@ConditionalOnMissingBean
		public ServerWebExchangeContextFilter reactorAsyncioExchangeContextFilter() {
			return new ServerWebExchangeContextFilter();
		}
	}
}
