package io.github.reactorasyncio.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import io.github.reactorasyncio.ExceptionContext;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

/**
 * Python warns "coroutine ... was never awaited"; our counterpart is a coroutine body that returns a
 * {@link Publisher} or a pending {@link CompletionStage} instead of awaiting it
 * ({@code Async.createTask(() -> sayAfter(1, "hi"))} with {@code sayAfter} returning a {@code Mono}), whose
 * work then never runs or is never waited for.
 *
 * <p>What is detected: whether a Publisher was subscribed cannot be known in general, so <em>every</em>
 * {@code Publisher} a body returns is reported (Reactive Streams' or the JDK's {@code Flow.Publisher}), and every {@code CompletionStage} that is not done (a done
 * {@code CompletableFuture} already holds its outcome: nothing is lost). A body that means it says so with
 * {@code Async.unawaited(value)}.
 */
final class Unawaited {

	private Unawaited() {
	}

	/**
	 * Reports the value a task's body returned if it looks like a missing await: through the loop's exception
	 * handler, or, in debug mode, as the exception the task fails with.
	 *
	 * @return the exception the task must fail with (debug mode), or null to complete it normally
	 */
	static @Nullable Throwable check(TaskImpl<?> task, Object value) {
		String what;
		if (value instanceof Publisher<?> || value instanceof Flow.Publisher<?>) {
			what = "a " + kind(value) + " (a Publisher does nothing until subscribed, and nothing subscribed to this "
					+ "one)";
		}
		else if (value instanceof CompletionStage<?> stage && !isDone(stage)) {
			what = "a " + kind(value) + " that is not done (nothing waits for it)";
		}
		else {
			return null;
		}
		String message = task.name() + " returned " + what + " instead of awaiting it: did you mean "
				+ "Async.await(...)? To return it on purpose, return Async.unawaited(it).";
		IllegalStateException e = new IllegalStateException(message);
		if (task.loop.isDebug()) {
			return e;
		}
		task.loop.reportException(new ExceptionContext(message, e, task, task.name()));
		return null;
	}

	private static String kind(Object value) {
		String simple = value.getClass().getSimpleName();
		if (value instanceof reactor.core.publisher.Mono<?>) {
			return "Mono (" + simple + ")";
		}
		if (value instanceof reactor.core.publisher.Flux<?>) {
			return "Flux (" + simple + ")";
		}
		return simple.isEmpty() ? value.getClass().getName() : simple;
	}

	private static boolean isDone(CompletionStage<?> stage) {
		if (stage instanceof CompletableFuture<?> cf) {
			return cf.isDone();
		}
		try {
			return stage.toCompletableFuture().isDone();
		}
		catch (UnsupportedOperationException e) {
			return false; // a stage that cannot say is treated as pending
		}
	}
}
