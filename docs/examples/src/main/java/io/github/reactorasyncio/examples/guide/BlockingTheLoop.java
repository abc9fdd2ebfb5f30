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

	/** How the worker waits. */
	public enum Wait {
		/** {@code Thread.sleep} on the loop. */
		BLOCKING,
		/** {@code Async.sleep}. */
		ASYNC_SLEEP,
		/** {@code Thread.sleep} sent to another thread with {@code Async.toThread}. */
		TO_THREAD
	}

	/**
	 * Runs a worker that waits 20 ms beside a task that wants to log at once.
	 *
	 * @param wait how the worker waits
	 * @return the order in which things happened
	 * @throws Exception never, in practice
	 */
	// tag::main[]
	public static List<String> run(Wait wait) throws Exception {
		List<String> log = new ArrayList<>();
		Async.run(() -> {
			Task<Void> worker = Async.createTask(() -> {
				log.add("worker starts waiting");
				switch (wait) {
					case BLOCKING -> Thread.sleep(20);                  // holds the loop: nothing else runs
					case ASYNC_SLEEP -> Async.sleep(Duration.ofMillis(20)); // gives the loop up meanwhile
					case TO_THREAD -> Async.toThread(() -> {            // blocks another thread, not the loop
						Thread.sleep(20);
						return null;
					});
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
		// BLOCKING:                [worker starts waiting, worker done, other task runs]
		// ASYNC_SLEEP, TO_THREAD:  [worker starts waiting, other task runs, worker done]
	}
	// end::main[]
}
