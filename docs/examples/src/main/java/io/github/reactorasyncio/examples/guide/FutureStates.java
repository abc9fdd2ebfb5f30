package io.github.reactorasyncio.examples.guide;

import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.Future;
import io.github.reactorasyncio.Task;

/** The four states of a future, observed. */
public final class FutureStates {

	private FutureStates() {
	}

	/**
	 * Walks a future and a task through their states.
	 *
	 * @return the states seen, in order
	 * @throws Exception never, in practice
	 */
	// tag::main[]
	public static List<Future.State> walk() throws Exception {
		List<Future.State> seen = new ArrayList<>();
		try (EventLoop loop = EventLoop.create()) {
			loop.run(() -> {
				Future<String> future = loop.createFuture();
				seen.add(future.state());                        // PENDING: nobody has set it yet
				Task<?> me = Async.currentTask();
				seen.add(me.state());                            // RUNNING: a task, while its step executes
				loop.callSoon(() -> future.setResult("hello"));  // some callback completes it later
				Async.await(future);
				seen.add(future.state());                        // DONE: with a result (or an exception)

				Task<String> sleeper = Async.createTask(() -> {
					Async.sleep(java.time.Duration.ofHours(1));
					return "never";
				});
				Async.yieldNow();                                // let it start and suspend
				sleeper.cancel();
				try {
					Async.await(sleeper);
				}
				catch (io.github.reactorasyncio.CancelledError expected) {
					seen.add(sleeper.state());                   // CANCELLED
				}
				return null;
			});
		}
		return seen;
	}
	// end::main[]
}
