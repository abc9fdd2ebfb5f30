package io.github.reactorasyncio.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.Task;
import reactor.core.publisher.Mono;

/**
 * Two coroutines on one event loop taking turns at {@code await}: while one waits for a (simulated) slow
 * call, the other runs. The timeline shows that only one of them runs at a time, and that they switch only
 * where they await.
 */
public final class TakingTurns {

	private TakingTurns() {
	}

	/**
	 * Runs the demo and returns its timeline, one line per step.
	 *
	 * @return lines such as {@code "  0 ms  A  step 1, then awaits a 100 ms call"}
	 * @throws Exception if a coroutine fails
	 */
	public static List<String> run() throws Exception {
		List<String> timeline = new ArrayList<>();
		long start = System.nanoTime();
		Async.run(() -> {
			Task<Void> a = Async.createTask(() -> worker("A", Duration.ofMillis(100), timeline, start));
			Task<Void> b = Async.createTask(() -> worker("B", Duration.ofMillis(150), timeline, start));
			Async.await(a);
			Async.await(b);
			return null;
		});
		return timeline;
	}

	private static Void worker(String name, Duration call, List<String> timeline, long start) throws Exception {
		for (int step = 1; step <= 3; step++) {
			timeline.add(String.format("%4d ms  %s  step %d, then awaits a %d ms call", elapsed(start), name, step,
					call.toMillis()));
			Async.await(Mono.delay(call));
		}
		timeline.add(String.format("%4d ms  %s  done", elapsed(start), name));
		return null;
	}

	private static long elapsed(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}
}
