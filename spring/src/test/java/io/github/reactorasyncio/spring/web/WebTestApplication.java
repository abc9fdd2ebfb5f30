package io.github.reactorasyncio.spring.web;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.EventLoopGroup;
import io.github.reactorasyncio.Future;
import io.github.reactorasyncio.Task;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/** A WebFlux application whose handlers return tasks, futures and coroutine Monos. */
@SpringBootApplication
public class WebTestApplication {

	/** Set by the handler of {@code /hang} when it starts and when it is cancelled. */
	static volatile CountDownLatch hangStarted = new CountDownLatch(1);
	static volatile CountDownLatch hangCancelled = new CountDownLatch(1);

	/** Puts the {@code X-Tenant} header in the Reactor context, as a tracing or security filter would. */
	@Bean
	WebFilter tenantFilter() {
		return (exchange, chain) -> chain.filter(exchange).contextWrite(ctx -> ctx.put("tenant",
				String.valueOf(exchange.getRequest().getHeaders().getFirst("X-Tenant"))));
	}

	@RestController
	static class Handlers {

		private final EventLoop loop;
		private final EventLoopGroup group;

		Handlers(EventLoop loop, EventLoopGroup group) {
			this.loop = loop;
			this.group = group;
		}

		@GetMapping("/task")
		Task<String> task() {
			return loop.createTask(() -> {
				Async.sleep(Duration.ofMillis(1));
				return "from a task on the Spring loop: " + (Async.currentLoop() == loop);
			});
		}

		@GetMapping("/future")
		Future<String> future() {
			Future<String> future = loop.createFuture();
			loop.callSoon(() -> future.setResult("from a future"));
			return future;
		}

		@GetMapping("/context")
		Mono<String> context() {
			return Async.mono(() -> {
				Async.sleep(Duration.ofMillis(1));
				ServerWebExchange exchange = ServerWebExchangeContextFilter.getExchange(Async.context()).orElseThrow();
				return Async.context().get("tenant") + " " + exchange.getRequest().getPath();
			});
		}

		@GetMapping("/group")
		Mono<String> group() {
			return group.mono(() -> "on a group loop: " + group.loops().contains(Async.currentLoop()));
		}

		/** Async.mono with no loop: the default group, which the auto-configuration set to the Spring loops. */
		@GetMapping("/default")
		Mono<String> onTheDefault() {
			return Async.mono(() -> {
				Async.sleep(Duration.ofMillis(1));
				return "on a group loop: " + group.loops().contains(Async.currentLoop());
			});
		}

		@GetMapping("/hang")
		Task<String> hang() {
			return loop.createTask(() -> {
				hangStarted.countDown();
				try {
					Async.sleep(Duration.ofHours(1));
					return "never";
				}
				catch (CancelledError e) {
					hangCancelled.countDown();
					throw e;
				}
			});
		}
	}
}
