package io.github.reactorasyncio.examples.guide;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.Held;
import io.github.reactorasyncio.Lock;
import io.github.reactorasyncio.Task;

/** Cooperative multitasking: no switch between two lines, but a switch at every await. */
// The lock is held by the try-with-resources and never named in its body: that is the idiom, not a mistake.
@SuppressWarnings("try")
public final class LostUpdate {

	private LostUpdate() {
	}

	// tag::main[]
	private static int counter;

	/**
	 * Two tasks each add 1 to a counter: with no await between read and write, with one, and with one under
	 * a lock.
	 *
	 * @return the counter after each variant: {@code [2, 1, 2]}
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
			int lost = counter;                       // 1: both read 0 before either wrote

			counter = 0;
			Lock lock = Lock.create();                // Python's asyncio.Lock: suspends, never blocks
			a = Async.createTask(() -> incrementUnderALock(lock));
			b = Async.createTask(() -> incrementUnderALock(lock));
			Async.await(a);
			Async.await(b);
			return new int[] {safe, lost, counter};   // 2 again: the lock spans the await
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

	static Void incrementUnderALock(Lock lock) throws Exception {
		try (Held held = lock.acquire()) {            // the other task waits here, without blocking the loop
			int seen = counter;
			Async.yieldNow();
			counter = seen + 1;
		}
		return null;
	}
	// end::main[]
}
