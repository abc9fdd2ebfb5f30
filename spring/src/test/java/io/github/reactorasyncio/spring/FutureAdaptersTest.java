package io.github.reactorasyncio.spring;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.Future;
import io.github.reactorasyncio.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Publisher;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class FutureAdaptersTest {

	private final EventLoop loop = EventLoop.create();
	private final ReactiveAdapterRegistry registry = new ReactiveAdapterRegistry();

	@AfterEach
	void closeLoop() {
		loop.close();
	}

	@Test
	void registersTaskAndFutureAsSingleValueTypesOnce() {
		assertThat(FutureAdapters.register(registry, loop)).isTrue();
		assertThat(FutureAdapters.register(registry, loop)).isFalse();

		ReactiveAdapter task = registry.getAdapter(Task.class);
		ReactiveAdapter future = registry.getAdapter(Future.class);
		assertThat(task).isNotNull();
		assertThat(future).isNotNull();
		assertThat(task.getReactiveType()).isEqualTo(Task.class);
		assertThat(future.getReactiveType()).isEqualTo(Future.class);
		assertThat(task.isMultiValue()).isFalse();
		assertThat(task.supportsEmpty()).isTrue();
		assertThat(task.getDescriptor().isDeferred()).isFalse();
	}

	@Test
	void aTaskBecomesAMonoOfItsResult() {
		FutureAdapters.register(registry, loop);
		Task<String> task = loop.createTask(() -> {
			Async.sleep(Duration.ofMillis(1));
			return "done";
		});
		ReactiveAdapter adapter = registry.getAdapter(null, task);
		assertThat(adapter).isNotNull();
		assertThat(adapter.getReactiveType()).isEqualTo(Task.class);
		StepVerifier.create(adapter.toPublisher(task)).expectNext("done").expectComplete().verify(Duration.ofSeconds(10));
	}

	@Test
	void aFutureWithANullResultIsEmptyAndItsExceptionIsTheSameInstance() {
		FutureAdapters.register(registry, loop);
		Future<String> empty = loop.createFuture();
		empty.setResult(null);
		Future<String> failed = loop.createFuture();
		IllegalStateException boom = new IllegalStateException("boom");
		failed.setException(boom);

		ReactiveAdapter adapter = registry.getAdapter(Future.class);
		assertThat(adapter).isNotNull();
		StepVerifier.create(adapter.toPublisher(empty)).expectComplete().verify(Duration.ofSeconds(10));
		StepVerifier.create(adapter.toPublisher(failed)).expectErrorSatisfies(e -> assertThat(e).isSameAs(boom))
				.verify(Duration.ofSeconds(10));
	}

	@Test
	void cancellingTheSubscriptionCancelsTheTask() throws InterruptedException {
		FutureAdapters.register(registry, loop);
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch cancelled = new CountDownLatch(1);
		Task<String> task = loop.createTask(() -> {
			started.countDown();
			try {
				Async.sleep(Duration.ofHours(1));
				return "never";
			}
			catch (CancelledError e) {
				cancelled.countDown();
				throw e;
			}
		});
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		Publisher<?> publisher = registry.getAdapter(null, task).toPublisher(task);
		Disposable subscription = Mono.from(publisher).subscribe();
		subscription.dispose();
		assertThat(cancelled.await(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aCancelledTaskReachesSpringAsAnErrorWithItsCancelledError() throws Exception {
		// CancelledError is an Error (so that catch (Exception e) lets it pass); Reactor, and Spring through the
		// adapter, still deliver it to the subscriber as onError
		FutureAdapters.register(registry, loop);
		Task<String> task = loop.createTask(() -> Async.await(Mono.<String>never()));
		loop.run(() -> {
			Async.yieldNow();
			task.cancel("client went away");
			return null;
		});
		StepVerifier.create(registry.getAdapter(null, task).toPublisher(task))
				.expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledError.class).hasMessage("client went away"))
				.verify(Duration.ofSeconds(10));
	}

	@Test
	void cancellingTheSubscriptionOfAPlainFutureLeavesItPending() {
		FutureAdapters.register(registry, loop);
		Future<String> future = loop.createFuture();
		Mono.from(registry.getAdapter(Future.class).toPublisher(future)).subscribe().dispose();
		assertThat(future.isDone()).isFalse();
	}

	@Test
	void aPublisherBecomesATaskOnTheLoop() throws Exception {
		FutureAdapters.register(registry, loop);
		Object converted = registry.getAdapter(Task.class).fromPublisher(Mono.just(7).delayElement(Duration.ofMillis(1)));
		assertThat(converted).isInstanceOf(Task.class);
		Task<?> task = (Task<?>) converted;
		assertThat(task.loop()).isSameAs(loop);
		assertThat(loop.run(() -> Async.await(task))).isEqualTo(7);
	}
}
