package io.github.reactorasyncio.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.github.reactorasyncio.CancelledError;
import org.jspecify.annotations.Nullable;

/**
 * Awaits a {@link CompletionStage}. A {@link CompletionException} from a dependent stage is unwrapped to
 * the exception that caused it; a cancelled {@code CompletableFuture} gives {@link CancelledError}.
 * Cancelling the awaiting task cancels the {@code CompletableFuture}, where the stage has one.
 */
final class StageAwaiter<T extends @Nullable Object> extends Awaiter<T> {

	private final CompletionStage<T> stage;

	StageAwaiter(TaskImpl<?> task, CompletionStage<T> stage) {
		super(task);
		this.stage = stage;
	}

	void start() {
		stage.whenComplete((v, e) -> complete(v, unwrap(e)));
	}

	static @Nullable Throwable unwrap(@Nullable Throwable e) {
		if (e instanceof CompletionException && e.getCause() != null) {
			e = e.getCause();
		}
		if (e instanceof CancellationException) {
			// our own cancellation, seen through toCompletableFuture(): the same instance again
			if (e.getCause() instanceof CancelledError own) {
				return own;
			}
			CancelledError c = new CancelledError(e.getMessage());
			c.initCause(e);
			return c;
		}
		return e;
	}

	@Override
	void cancelSource(@Nullable String message) {
		try {
			stage.toCompletableFuture().cancel(false);
		}
		catch (UnsupportedOperationException ignored) {
			// a stage with no CompletableFuture behind it cannot be cancelled; its late value is dropped
		}
	}
}
