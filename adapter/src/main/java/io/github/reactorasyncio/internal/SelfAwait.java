package io.github.reactorasyncio.internal;

import reactor.core.Scannable;

/**
 * Python's {@code RuntimeError: Task cannot await on itself}: a task awaiting itself would wait forever, and a
 * cancel would chase its own tail. Caught for the task itself ({@code Async.await(task)},
 * {@code Async.waitFor(task, t)}), its {@code toCompletableFuture()} awaited as is, and its {@code toMono()}
 * awaited through operators that subscribe at once ({@code map}, {@code filter}, {@code timeout}, ...): the
 * subscriber chain then leads from the view straight to the task's own await.
 *
 * <p>Not caught (the task then waits until cancelled): a stage derived from the view
 * ({@code thenApply}), or a Mono whose subscription to the view is deferred past a boundary that scanning
 * does not cross (a {@code Sinks} relay, a {@code flatMap} of a later value).
 */
final class SelfAwait {

	// far more operators than a real chain has; bounds a walk that an unusual Scannable might make cyclic
	private static final int MAX_HOPS = 64;

	private SelfAwait() {
	}

	static IllegalStateException error(TaskImpl<?> task, String how) {
		return new IllegalStateException("Task cannot await on itself: " + task + " (" + how + "). A task is done only "
				+ "when its coroutine returns; await another task, or return the value instead.");
	}

	/** Whether the subscriber of a view of {@code task} is, through operators, an await of that very task. */
	static boolean subscribedByItsOwnAwait(Object subscriber, TaskImpl<?> task) {
		Object s = subscriber;
		for (int i = 0; i < MAX_HOPS && s != null; i++) {
			if (s instanceof Awaiter<?> w) {
				return w.task == task;
			}
			s = Scannable.from(s).scanUnsafe(Scannable.Attr.ACTUAL);
		}
		return false;
	}
}
