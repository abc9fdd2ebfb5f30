package io.github.reactorasyncio.spring;

import io.github.reactorasyncio.EventLoop;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;

/**
 * Spring Boot auto-configuration of reactor-asyncio. It provides:
 * <ul>
 *   <li>an {@link EventLoopPool} of {@code reactor-asyncio.loops} loops (default 1), configured from
 *       {@link ReactorAsyncioProperties} and closed with the context;</li>
 *   <li>an {@link EventLoop} bean, the pool's first loop, for code that wants one loop
 *       ({@code Async.mono(loop, ...)}, {@code loop.createTask(...)});</li>
 *   <li>{@link FutureAdapters} on every {@link ReactiveAdapterRegistry} bean, so that a WebFlux handler may
 *       return a {@code Task} or {@code Future};</li>
 *   <li>in a reactive web application, Spring's {@link ServerWebExchangeContextFilter}, so that a coroutine
 *       finds the current exchange in {@code Async.context()}.</li>
 * </ul>
 * Each bean steps aside for one of the same type that the application defines.
 *
 * <p>A handler written as {@code Async.mono(() -> ...)} with no loop runs on the library's process-wide
 * default loop, not on these, and ignores these properties; pass the bean ({@code Async.mono(loop, ...)}) or
 * use {@link EventLoopPool#mono} to run it on a Spring-managed loop.
 */
@AutoConfiguration
@EnableConfigurationProperties(ReactorAsyncioProperties.class)
public class ReactorAsyncioAutoConfiguration {

	/** Creates the auto-configuration; Spring does this. */
	public ReactorAsyncioAutoConfiguration() {
	}

	/**
	 * The loops, configured from the properties.
	 *
	 * @param properties the {@code reactor-asyncio.*} properties
	 * @return a pool closed with the context
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	public EventLoopPool reactorAsyncioEventLoopPool(ReactorAsyncioProperties properties) {
		return EventLoopPool.create(properties.effectiveLoops(), loop -> {
			loop.setDebug(properties.debug());
			loop.setSlowCallbackDuration(properties.slowCallbackDuration());
		});
	}

	/**
	 * The pool's first loop.
	 *
	 * @param pool the pool that owns (and closes) the loop
	 * @return the loop
	 */
	// No destroy method: the pool closes its loops, and Spring would otherwise infer close().
	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	public EventLoop reactorAsyncioEventLoop(EventLoopPool pool) {
		return pool.loops().get(0);
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
