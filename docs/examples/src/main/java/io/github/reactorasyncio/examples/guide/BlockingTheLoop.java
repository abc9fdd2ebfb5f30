package io.github.reactorasyncio.examples.guide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.Task;

/** What blocking does: a blocked coroutine holds the loop, and nothing else on it runs. */
public final class BlockingTheLoop {

	private BlockingTheLoop() {
	}

	/**
	 * Runs a worker that waits 20 ms beside a task that wants to log at once.
	 *
	 * @param blocking whether the worker waits with {@code Thread.sleep} (blocking) or {@code Async.sleep}
	 * @return the order in which things happened
	 * @throws Exception never, in practice
	 */
	// tag::main[]
	public static List<String> run(boolean blocking) throws Exception {
		List<String> log = new ArrayList<>();
		Async.run(() -> {
			Task<Void> worker = Async.createTask(() -> {
				log.add("worker starts waiting");
				if (blocking) {
					Thread.sleep(20);                     // holds the loop: nothing else can run
				}
				else {
					Async.sleep(Duration.ofMillis(20));   // gives the loop up until the time is over
				}
				log.add("worker done");
				return null;
			});
			Task<Void> other = Async.createTask(() -> {
				log.add("other task runs");
				return null;
			});
			Async.await(worker);
			Async.await(other);
			return null;
		});
		return log;
		// blocking:     [worker starts waiting, worker done, other task runs]
		// non-blocking: [worker starts waiting, other task runs, worker done]
	}
	// end::main[]
}
