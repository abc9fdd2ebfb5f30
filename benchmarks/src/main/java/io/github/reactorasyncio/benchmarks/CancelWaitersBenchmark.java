package io.github.reactorasyncio.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.Future;
import io.github.reactorasyncio.ReturnWhen;
import io.github.reactorasyncio.Task;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 11, item 4: {@code tasks} coroutines wait on one shared future, through {@code shield(shared)},
 * {@code wait([shared])}, or (the baseline) a plain sleep; then all are cancelled and joined. Each cancelled
 * waiter takes its done callback off the shared future, which must cost O(1), not a scan of the others.
 * Score: milliseconds for the whole round (start, suspend, cancel, join).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = { "-Xmx4g" })
public class CancelWaitersBenchmark {

	@Param({ "100000" })
	public int tasks;

	@Param({ "shield", "wait", "sleep" })
	public String kind;

	@Benchmark
	public int cancelAll() throws Exception {
		try (EventLoop loop = EventLoop.create()) {
			return loop.run(() -> {
				Future<String> shared = loop.createFuture();
				List<Task<Object>> waiters = new ArrayList<>(tasks);
				for (int i = 0; i < tasks; i++) {
					waiters.add(Async.createTask(() -> switch (kind) {
						case "shield" -> Async.await(Async.shield(shared));
						case "wait" -> Async.waitFutures(Set.of(shared), null, ReturnWhen.ALL_COMPLETED);
						default -> {
							Async.sleep(Duration.ofHours(1));
							yield null;
						}
					}));
				}
				Async.sleep(Duration.ofMillis(1)); // every waiter is suspended now
				for (Task<Object> t : waiters) {
					t.cancel();
				}
				int cancelled = 0;
				for (Task<Object> t : waiters) {
					try {
						Async.await(t);
					}
					catch (Throwable e) {
						cancelled++;
					}
				}
				return cancelled;
			});
		}
	}
}
