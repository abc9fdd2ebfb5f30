package io.github.reactorasyncio.internal;

import java.util.function.Consumer;

import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.Future;
import org.jspecify.annotations.Nullable;

/**
 * Awaits a {@link Future} or task of the same or another loop. Cancelling the awaiting task cancels the
 * awaited future, as in Python (wrap it in {@code shield} to prevent that), and the awaiting task then
 * wakes when the awaited one is done: after an awaited task's cleanup, with its outcome (its
 * {@code CancelledError}, or its result if it swallowed the cancel), exactly as {@code Task.__step}
 * does with its {@code _fut_waiter}. The future calls {@link #accept} directly when it completes, rather than
 * posting it as a callback, so the task's wake-up takes the place in the ready queue that CPython's
 * {@code call_soon(task.__wakeup)} takes: FIFO with all other ready work.
 */
final class FutureAwaiter<T extends @Nullable Object> extends Awaiter<T>
		implements Consumer<Future<T>>, LoopClosedListener {

	private final Future<T> future;
	// the future's loop when it is another loop than the task's, which fails this awaiter if it closes first
	private @Nullable EventLoopImpl foreign;
	private boolean delivered;

	FutureAwaiter(TaskImpl<?> task, Future<T> future) {
		super(task);
		this.future = future;
	}

	void start() {
		if (future.loop() != task.loop && future.loop() instanceof EventLoopImpl other) {
			foreign = other;
			if (!other.addForeignAwaiter(this)) {
				loopClosed(other);
				return;
			}
		}
		future.addDoneCallback(this);
	}

	/** The awaited future's loop (not the task's) closed with the future still pending: nothing will complete it. */
	@Override
	public void loopClosed(EventLoopImpl closed) {
		if (future.isDone()) {
			accept(future);
			return;
		}
		if (claim()) {
			complete(null, LoopClosedListener.stranded(task.toString(), future, closed,
					", or await a task of this task's own loop"));
		}
	}

	/** Only the first of the future's outcome and its loop's closing is delivered. */
	private synchronized boolean claim() {
		if (delivered) {
			return false;
		}
		delivered = true;
		return true;
	}

	@Override
	public void accept(Future<T> f) {
		EventLoopImpl other = foreign;
		if (other != null) {
			other.removeForeignAwaiter(this);
			if (!claim()) {
				return;
			}
		}
		if (f.isCancelled()) {
			try {
				f.exception();
			}
			catch (CancelledError e) {
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
	boolean cancel(@Nullable String message) {
		return isSuspended() && future.cancel(message);
	}

	// a future may be awaited by others: a failed wait leaves it be (its late outcome is dropped here)
	@Override
	void abandonSource() {
	}

	@Override
	void cancelSource(@Nullable String message) {
		future.cancel(message);
	}
}
