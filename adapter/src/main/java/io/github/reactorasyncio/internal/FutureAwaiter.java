package io.github.reactorasyncio.internal;

import java.util.function.Consumer;

import io.github.reactorasyncio.CancelledException;
import io.github.reactorasyncio.Future;
import org.jspecify.annotations.Nullable;

/**
 * Awaits a {@link Future} or task of the same or another loop. Cancelling the awaiting task cancels the
 * awaited future, as in Python (wrap it in {@code shield} to prevent that).
 */
final class FutureAwaiter<T extends @Nullable Object> extends Awaiter<T> implements Consumer<Future<T>> {

	private final Future<T> future;

	FutureAwaiter(TaskImpl<?> task, Future<T> future) {
		super(task);
		this.future = future;
	}

	void start() {
		future.addDoneCallback(this);
	}

	@Override
	public void accept(Future<T> f) {
		if (f.isCancelled()) {
			try {
				f.exception();
			}
			catch (CancelledException e) {
				complete(null, e);
			}
			return;
		}
		try {
			complete(f.result(), null);
		}
		catch (Throwable e) {
			complete(null, e);
		}
	}

	@Override
	void cancelSource(@Nullable String message) {
		future.removeDoneCallback(this);
		future.cancel(message);
	}
}
