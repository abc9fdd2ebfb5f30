package io.github.reactorasyncio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/** Context flow: the subscriber's Reactor Context, and SLF4J's MDC following the task. */
@org.junit.jupiter.api.Timeout(30)
class AsyncContextTest {

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	// ------------------------------------------------------------------ Reactor Context

	@Test
	void monosAwaitedInsideAMonoCoroutineAreSubscribedWithTheSubscribersContext() {
		StepVerifier.create(Async.mono(() -> Async.await(Mono.deferContextual(c -> Mono.just(c.<String>get("k")))))
						.contextWrite(Context.of("k", "v")))
				.expectNext("v")
				.verifyComplete();
	}

	@Test
	void asyncContextShowsTheSubscribersContextAndChildTasksInheritIt() {
		StepVerifier.create(Async.mono(() -> {
					String own = Async.context().get("k");
					Task<String> child = Async.createTask(() -> Async.context().<String>get("k")
							+ Async.await(Mono.deferContextual(c -> Mono.just(c.<String>get("k")))));
					return own + "," + Async.await(child);
				}).contextWrite(Context.of("k", "v")))
				.expectNext("v,vv")
				.verifyComplete();
	}

	@Test
	void eachSubscriptionRunsWithItsOwnContext() {
		Mono<String> coroutine = Async.mono(() -> Async.context().getOrDefault("user", "nobody"));
		StepVerifier.create(coroutine.contextWrite(Context.of("user", "ann"))).expectNext("ann").verifyComplete();
		StepVerifier.create(coroutine.contextWrite(Context.of("user", "bob"))).expectNext("bob").verifyComplete();
		StepVerifier.create(coroutine).expectNext("nobody").verifyComplete();
	}

	// ------------------------------------------------------------------ MDC

	/** The task's MDC survives its awaits though the thread's MDC is cleared each time it suspends. */
	@Test
	void mdcSurvivesAwaitsButDoesNotLeakIntoCallbacksOrLaterTasksOnTheSameWorker() throws Exception {
		List<String> seen = Collections.synchronizedList(new ArrayList<>());
		Async.run(() -> {
			Task<Object> a = Async.createTask(() -> {
				MDC.put("id", "a");
				// runs inline on a's worker while a is suspended
				Async.currentLoop().callSoon(() -> seen.add("callback sees " + MDC.get("id")));
				Async.yieldNow();
				seen.add("a sees " + MDC.get("id"));
				return null; // ends with its MDC still set
			});
			Async.await(a);
			Task<Object> b = Async.createTask(() -> {
				seen.add("b sees " + MDC.get("id"));
				return null;
			});
			Async.await(b);
			seen.add("main sees " + MDC.get("id"));
			return null;
		});
		assertThat(seen).containsExactly("callback sees null", "a sees a", "b sees null", "main sees null");
	}

	@Test
	void whatACallbackPutsInTheMdcDoesNotReachTheNextTaskOnItsThread() throws Exception {
		List<String> seen = Collections.synchronizedList(new ArrayList<>());
		Async.run(() -> {
			Task<Object> a = Async.createTask(() -> {
				// while a is suspended its worker runs this callback inline
				Async.currentLoop().callSoon(() -> MDC.put("id", "callback"));
				Async.yieldNow();
				seen.add("a sees " + MDC.get("id"));
				return null;
			});
			Async.await(a);
			return null;
		});
		assertThat(seen).containsExactly("a sees null");
	}

	@Test
	void aChildStartsWithItsCreatorsMdcAndKeepsItsChangesToItself() throws Exception {
		MDC.put("request", "r-1");
		List<String> seen = Async.run(() -> {
			List<String> out = new ArrayList<>();
			out.add("main " + MDC.get("request"));
			MDC.put("user", "ann");
			Task<Object> child = Async.createTask(() -> {
				out.add("child " + MDC.get("request") + "/" + MDC.get("user"));
				MDC.put("user", "bob");
				Async.yieldNow();
				out.add("child " + MDC.get("user"));
				return null;
			});
			Async.await(child);
			out.add("main " + MDC.get("user"));
			return out;
		});
		assertThat(seen).containsExactly("main r-1", "child r-1/ann", "child bob", "main ann");
		assertThat(MDC.get("user")).isNull(); // the caller's thread is untouched
		assertThat(MDC.get("request")).isEqualTo("r-1");
	}
}
