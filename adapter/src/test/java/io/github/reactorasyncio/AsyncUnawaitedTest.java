package io.github.reactorasyncio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A coroutine that returns a Publisher or a pending CompletionStage instead of awaiting it is reported
 * (Python: "RuntimeWarning: coroutine 'say_after' was never awaited"); {@link Async#unawaited} says it is meant.
 */
@Timeout(30)
@ExtendWith(LoopPerTest.class)
class AsyncUnawaitedTest {

	@LoopPerTest.Loop
	private EventLoop loop;
	private final List<ExceptionContext> reported = new ArrayList<>();
	private final AtomicInteger subscribed = new AtomicInteger();

	@BeforeEach
	void setUp() {
		loop.setExceptionHandler(reported::add);
	}

	/** What the user wrote: a method returning a Mono, called where its result should be awaited. */
	private Mono<String> sayAfter(String what) {
		return Mono.delay(Duration.ofMillis(1)).thenReturn(what).doOnSubscribe(s -> subscribed.incrementAndGet());
	}

	private void assertReportedOnce(String taskName) {
		assertThat(reported).hasSize(1);
		ExceptionContext c = reported.get(0);
		assertThat(c.taskName()).isEqualTo(taskName);
		assertThat(c.message()).startsWith(taskName + " returned a Mono")
				.contains("did you mean Async.await(...)?").contains("Async.unawaited(it)");
		assertThat(subscribed).hasValue(0);
	}

	@Test
	void createTaskOfABodyReturningAMonoIsReportedNamingTheTask() throws Exception {
		boolean endedWithTheMono = loop.run(() -> Async.await(Async.createTask(() -> sayAfter("hi"), "say")) instanceof Mono);
		assertReportedOnce("say");
		assertThat(endedWithTheMono).isTrue(); // outside debug mode the task still ends with it
	}

	@Test
	void everyEntryPointReportsIt() throws Exception {
		loop.run(() -> {
			Async.await(Async.currentLoop().createTask(() -> sayAfter("a"), "loop.createTask"));
			TaskGroup.run(group -> group.createTask(() -> sayAfter("b"), "group.createTask"));
			return null;
		});
		loop.run(() -> sayAfter("c"));
		StepVerifier.create(Async.mono(loop, () -> sayAfter("d"))).expectNextCount(1).verifyComplete();
		assertThat(reported).hasSize(4).allSatisfy(c -> assertThat(c.message()).contains("did you mean Async.await"));
		assertThat(reported.subList(0, 2)).extracting(ExceptionContext::taskName)
				.containsExactly("loop.createTask", "group.createTask");
		assertThat(subscribed).hasValue(0);

		List<String> runReported = new ArrayList<>();
		Async.run(() -> {
			Async.currentLoop().setExceptionHandler(c -> runReported.add(c.message()));
			return Flux.just(1, 2);
		});
		assertThat(runReported).singleElement().asString().contains("returned a Flux");
	}

	@Test
	void aJdkFlowPublisherIsReportedToo() throws Exception {
		try (java.util.concurrent.SubmissionPublisher<String> publisher = new java.util.concurrent.SubmissionPublisher<>()) {
			loop.run(() -> {
				Async.await(Async.createTask(() -> publisher, "flow"));
				return null;
			});
		}
		assertThat(reported).singleElement().satisfies(c -> {
			assertThat(c.taskName()).isEqualTo("flow");
			assertThat(c.message()).contains("SubmissionPublisher").contains("did you mean Async.await(...)?");
		});
	}

	@Test
	void inDebugModeTheTaskFailsSayingTheSame() throws Exception {
		loop.setDebug(true);
		loop.run(() -> {
			Task<Mono<String>> t = Async.createTask(() -> sayAfter("hi"), "say");
			assertThatThrownBy(() -> Async.await(t)).isInstanceOf(IllegalStateException.class)
					.hasMessageStartingWith("say returned a Mono").hasMessageContaining("did you mean Async.await(...)?");
			return null;
		});
		assertThat(reported).isEmpty(); // the failure itself says it, once
		assertThat(subscribed).hasValue(0);
	}

	@Test
	void aPendingCompletionStageIsReportedAndADoneOneIsNot() throws Exception {
		CompletableFuture<String> pending = new CompletableFuture<>();
		loop.run(() -> {
			Async.await(Async.createTask(() -> pending, "pending"));
			Async.await(Async.createTask(() -> CompletableFuture.completedFuture("x"), "done"));
			return null;
		});
		assertThat(reported).singleElement().satisfies(c -> {
			assertThat(c.taskName()).isEqualTo("pending");
			assertThat(c.message()).contains("CompletableFuture that is not done").contains("did you mean Async.await");
		});
	}

	@Test
	void unawaitedSaysItIsMeantEvenInDebugMode() throws Exception {
		loop.setDebug(true);
		Mono<String> mono = sayAfter("later");
		// the outer body returns, awaited, the Mono the inner one returned: each says it means it
		Mono<String> returned = loop.run(() -> Async.unawaited(Async.await(Async.createTask(() -> Async.unawaited(mono)))));
		assertThat(returned).isSameAs(mono);
		assertThat(reported).isEmpty();
		assertThatThrownBy(() -> Async.unawaited(mono)).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("outside a coroutine");
	}

	@Test
	void plainValuesAndAwaitedValuesThatArePublishersThroughAwaitablesAreNotReported() throws Exception {
		List<Object> results = loop.run(() -> {
			Object plain = Async.await(Async.createTask(() -> "value"));
			// an Awaitable that is not a Future is wrapped in a task: its Flux value is its value, not a lost await
			Awaitable<Flux<Integer>> streams = () -> Mono.just(Flux.just(1, 2));
			List<Flux<Integer>> gathered = Async.gather(List.of(streams));
			return List.of(plain, gathered.get(0));
		});
		assertThat(results.get(0)).isEqualTo("value");
		assertThat(results.get(1)).isInstanceOf(Flux.class);
		assertThat(reported).isEmpty();
	}
}
