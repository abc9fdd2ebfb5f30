package io.github.reactorasyncio.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.Future;
import org.jspecify.annotations.Nullable;

/**
 * The {@code CompletableFuture} of {@link FutureImpl#toCompletableFuture()}: completed as the future completes
 * (on the loop while it is open), a cancelled future as a {@link CancellationException} whose cause is the
 * {@link CancelledError}, and cancelling it cancels the future.
 *
 * <p>If the future's loop closes with the future still pending, the view fails with
 * {@link LoopClosedListener#stranded}, as a subscriber of {@code toMono()} ({@link SinkCallback}) and a task of
 * another loop ({@link FutureAwaiter}) do: nothing would complete the future any more, and asyncio strands its
 * views there. A later completion of the future does not change a view that failed. (A task needs no watching:
 * its loop closes only once its tasks are done.)
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
		if (!(future instanceof TaskImpl<?>)) {
			LoopClosedListener onClose = closed -> {
				if (future.isDone()) {
					cf.deliver(future);
				}
				else {
					cf.completeExceptionally(LoopClosedListener.stranded("A CompletableFuture of toCompletableFuture()",
							future, closed, ", or take the view of a task of that loop, which the loop cancels as "
									+ "it closes"));
				}
			};
			if (!future.loop.addForeignAwaiter(onClose)) {
				onClose.loopClosed(future.loop);
				return cf;
			}
			cf.whenComplete((v, e) -> future.loop.removeForeignAwaiter(onClose));
		}
		future.addDoneCallback((Consumer<Future<T>> & FutureImpl.AnyThread) cf::deliver);
		cf.whenComplete((v, e) -> {
			if (cf.isCancelled()) {
				future.cancel();
			}
		});
		return cf;
	}

	/** Completes this view with the outcome of its done future; no-op if it is complete already. */
	private void deliver(Future<T> f) {
		try {
			complete(f.result());
		}
		catch (CancelledError e) {
			// a CancellationException is what makes a CompletableFuture cancelled for its users
			CancellationException ce = new CancellationException(e.getMessage());
			ce.initCause(e);
			completeExceptionally(ce);
		}
		catch (Throwable e) {
			completeExceptionally(e);
		}
	}
}
