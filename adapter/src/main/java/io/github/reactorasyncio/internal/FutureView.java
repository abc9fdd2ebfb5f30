package io.github.reactorasyncio.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.Future;
import org.jspecify.annotations.Nullable;

/**
 * The {@code CompletableFuture} of {@link FutureImpl#toCompletableFuture()}: completed from any thread as the
 * future completes (its callback needs no loop, so it works even once the loop is closed), a cancelled future
 * as a {@link CancellationException} whose cause is the {@link CancelledError}, and cancelling it cancels the
 * future.
 *
 * <p>It knows its future, so that a task awaiting the view of itself fails as awaiting itself does
 * ({@link Bridge}). Stages derived from it are plain ones.
 */
final class FutureView<T extends @Nullable Object> extends CompletableFuture<T> {

	final FutureImpl<T> future;

	private FutureView(FutureImpl<T> future) {
		this.future = future;
	}

	/** {@return a new view of {@code future}} */
	static <T extends @Nullable Object> CompletableFuture<T> of(FutureImpl<T> future) {
		FutureView<T> cf = new FutureView<>(future);
		future.addDoneCallback((Consumer<Future<T>> & FutureImpl.AnyThread) f -> {
			try {
				cf.complete(f.result());
			}
			catch (CancelledError e) {
				// a CancellationException is what makes a CompletableFuture cancelled for its users
				CancellationException ce = new CancellationException(e.getMessage());
				ce.initCause(e);
				cf.completeExceptionally(ce);
			}
			catch (Throwable e) {
				cf.completeExceptionally(e);
			}
		});
		cf.whenComplete((v, e) -> {
			if (cf.isCancelled()) {
				future.cancel();
			}
		});
		return cf;
	}
}
