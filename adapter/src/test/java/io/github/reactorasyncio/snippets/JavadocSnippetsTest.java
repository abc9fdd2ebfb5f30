package io.github.reactorasyncio.snippets;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.Condition;
import io.github.reactorasyncio.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs each javadoc sample of {@link JavadocSnippets}: they must not only compile but do what they say. */
@Timeout(30)
class JavadocSnippetsTest {

	private final JavadocSnippets s = new JavadocSnippets();

	@Test
	void async() throws Exception {
		assertThat(s.async()).isEqualTo("page apage b");
	}

	@Test
	void cancelledErrorCleansUpThenPropagates() throws Exception {
		Async.run(() -> {
			Task<String> t = Async.createTask(() -> s.cancelledError(reactor.core.publisher.Mono.never()));
			Async.yieldNow();
			t.cancel();
			assertThatThrownBy(() -> Async.await(t)).isInstanceOf(CancelledError.class);
			return null;
		});
		assertThat(s.log).containsExactly("cleaned up");
	}

	@Test
	void asCompletedGivesTheResultsInCompletionOrder() throws Exception {
		List<String> r = Async.run(() -> {
			Task<String> slow = Async.createTask(() -> Async.sleep(Duration.ofMillis(20), "slow"));
			Task<String> fast = Async.createTask(() -> "fast");
			return s.asCompleted(List.of(slow, fast));
		});
		assertThat(r).containsExactly("fast", "slow");
	}

	@Test
	void taskGroup() throws Exception {
		assertThat(Async.run(s::taskGroup)).containsExactly("page a", "page b");
	}

	@Test
	void timeout() throws Exception {
		assertThat(Async.run(s::timeout)).isEqualTo("hello");
	}

	@Test
	void semaphoreAndLock() throws Exception {
		assertThat(Async.run(() -> s.semaphore("u"))).isEqualTo("page u");
		Async.run(() -> {
			s.lock("record");
			return null;
		});
		assertThat(s.log).containsExactly("record");
	}

	@Test
	void condition() throws Exception {
		String r = Async.run(() -> {
			Condition cond = Condition.create();
			ArrayDeque<String> items = new ArrayDeque<>();
			Task<String> consumer = Async.createTask(() -> s.condition(cond, items));
			Async.yieldNow();
			try (var held = cond.acquire()) {
				items.add("item");
				cond.signal();
			}
			return Async.await(consumer);
		});
		assertThat(r).isEqualTo("item");
	}

	@Test
	void queue() throws Exception {
		Async.run(() -> {
			s.queue(List.of(new JavadocSnippets.Job(1), new JavadocSnippets.Job(2)));
			return null;
		});
		assertThat(s.log).containsExactly("job 1", "job 2");
	}

	@Test
	void asyncIteratorStopsAtTheLastRow() throws Exception {
		Async.run(() -> {
			s.asyncIterator();
			return null;
		});
		assertThat(s.log).containsExactly("row 1", "row 2");
	}

	@Test
	void asyncGenerator() {
		StepVerifier.create(s.asyncGenerator().map(JavadocSnippets.Page::body))
				.expectNext("first", "second")
				.verifyComplete();
	}

	@Test
	void streamWriterAndSubprocess() throws Exception {
		String echoed = Async.run(() -> {
			try (io.github.reactorasyncio.Subprocess cat = io.github.reactorasyncio.Subprocess.exec("cat")) {
				s.streamWriter(cat.stdin());
				cat.stdin().close();
				return new String(cat.stdout().readLine(), java.nio.charset.StandardCharsets.UTF_8);
			}
		});
		assertThat(echoed).isEqualTo("hello\n");
		assertThat(Async.run(s::subprocess)).isZero();
	}

	@Test
	void eventLoopMetrics() {
		var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
		try (var group = io.github.reactorasyncio.EventLoopGroup.create(2);
				var loop = io.github.reactorasyncio.EventLoop.create()) {
			s.eventLoopMetrics(group, loop, registry);
			assertThat(registry.getMeters()).extracting(m -> m.getId().getTag("loop"))
					.contains("main", group.loopName(0), group.loopName(1));
		}
	}
}
