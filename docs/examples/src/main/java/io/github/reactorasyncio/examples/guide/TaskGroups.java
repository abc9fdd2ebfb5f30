package io.github.reactorasyncio.examples.guide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.Task;
import io.github.reactorasyncio.TaskGroup;
import io.github.reactorasyncio.TaskGroupException;

/** Structured concurrency: a group does not end before its tasks, and one failure cancels the rest. */
public final class TaskGroups {

	private TaskGroups() {
	}

	/**
	 * Runs a group that succeeds and one in which a child fails.
	 *
	 * @return what happened, in order
	 * @throws Exception never, in practice
	 */
	// tag::main[]
	public static List<String> run() throws Exception {
		List<String> log = new ArrayList<>();
		Async.run(() -> {
			List<Task<Integer>> children = TaskGroup.run(group -> List.of(
					group.createTask(() -> price("apples")),
					group.createTask(() -> price("pears"))));
			int total = 0;
			for (Task<Integer> child : children) {
				total += child.result();                  // all done: the group waited for them
			}
			log.add("total " + total);

			try {
				TaskGroup.run(group -> {
					group.createTask(() -> {
						try {
							Async.sleep(Duration.ofHours(1));
							return null;
						}
						catch (CancelledError e) {
							log.add("sibling cancelled");   // the group cancels the others...
							throw e;
						}
					});
					group.createTask(() -> {
						Async.sleep(Duration.ofMillis(1));
						throw new IllegalStateException("pricing service down");
					});
					return null;
				});
			}
			catch (TaskGroupException e) {                // ...and reports every failure
				log.add("group failed: " + e.exceptions().get(0).getMessage());
			}
			return null;
		});
		return log;
	}

	static int price(String fruit) {
		Async.sleep(Duration.ofMillis(1));               // stands for a call to a pricing service
		return fruit.length();
	}
	// end::main[]
}
