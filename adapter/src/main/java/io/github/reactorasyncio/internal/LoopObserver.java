package io.github.reactorasyncio.internal;

/**
 * What a loop tells its observer (the metrics binder): called on the loop, inline, so an implementation must be
 * quick and must not block or throw. A loop without an observer pays one null check per step.
 */
public interface LoopObserver {

	/**
	 * A coroutine step or a callback ended.
	 *
	 * @param nanos how long it held the loop
	 * @param slow whether that is longer than the loop's slow-callback duration
	 */
	void stepEnded(long nanos, boolean slow);

	/** A task was registered with the loop (it has not run yet). */
	void taskCreated();

	/**
	 * A task finished.
	 *
	 * @param cancelled whether it ended cancelled (otherwise with a result or an exception)
	 */
	void taskDone(boolean cancelled);

	/**
	 * The loop took a new batch of ready work.
	 *
	 * @param ready how many items are ready to run
	 * @param liveTasks how many tasks are not done
	 */
	void batch(int ready, int liveTasks);

	/** {@return an observer that tells both} */
	static LoopObserver both(LoopObserver a, LoopObserver b) {
		return new LoopObserver() {
			@Override
			public void stepEnded(long nanos, boolean slow) {
				a.stepEnded(nanos, slow);
				b.stepEnded(nanos, slow);
			}

			@Override
			public void taskCreated() {
				a.taskCreated();
				b.taskCreated();
			}

			@Override
			public void taskDone(boolean cancelled) {
				a.taskDone(cancelled);
				b.taskDone(cancelled);
			}

			@Override
			public void batch(int ready, int liveTasks) {
				a.batch(ready, liveTasks);
				b.batch(ready, liveTasks);
			}
		};
	}
}
