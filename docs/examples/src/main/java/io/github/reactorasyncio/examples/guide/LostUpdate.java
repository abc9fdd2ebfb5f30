package io.github.reactorasyncio.examples.guide;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.Task;

/** Cooperative multitasking: no switch between two lines, but a switch at every await. */
public final class LostUpdate {

	private LostUpdate() {
	}

	// tag::main[]
	private static int counter;

	/**
	 * Two tasks each add 1 to a counter, once with no await between read and write, once with one.
	 *
	 * @return the counter after each variant: {@code [2, 1]}
	 * @throws Exception never, in practice
	 */
	public static int[] run() throws Exception {
		return Async.run(() -> {
			counter = 0;
			Task<Void> a = Async.createTask(LostUpdate::incrementAtomically);
			Task<Void> b = Async.createTask(LostUpdate::incrementAtomically);
			Async.await(a);
			Async.await(b);
			int safe = counter;                       // 2: nothing can run between read and write

			counter = 0;
			a = Async.createTask(LostUpdate::incrementAcrossAnAwait);
			b = Async.createTask(LostUpdate::incrementAcrossAnAwait);
			Async.await(a);
			Async.await(b);
			return new int[] {safe, counter};         // 1: both read 0 before either wrote
		});
	}

	static Void incrementAtomically() {
		counter = counter + 1;                        // no lock needed: one loop, one step at a time
		return null;
	}

	static Void incrementAcrossAnAwait() {
		int seen = counter;
		Async.yieldNow();                             // an await: the other task runs here
		counter = seen + 1;                           // writes back a stale value
		return null;
	}
	// end::main[]
}
