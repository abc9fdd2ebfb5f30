package io.github.reactorasyncio.internal;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.github.reactorasyncio.Awaitable;
import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.Future;
import io.github.reactorasyncio.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Python 3.12's {@code asyncio.wait_for}: {@code async with timeout(t): return await fut}, so the
 * cancellation on timeout and its conversion to {@link TimeoutException} follow {@link Timeout}.
 */
public final class WaitFor {

	private WaitFor() {
	}

	public static <T extends @Nullable Object> T await(Awaitable<T> awaitable, @Nullable Duration timeout)
			throws Exception {
		TaskImpl<?> task = Bridge.runningTask("Async.waitFor()");
		if (awaitable == task) {
			throw SelfAwait.error(task, "in Async.waitFor()");
		}
		if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
			Future<T> f = EnsureFuture.of(task.loop, awaitable);
			if (f.isDone()) {
				return f.result();
			}
			f.cancel();
			awaitDone(f);
			try {
				return f.result();
			}
			catch (CancelledError e) {
				TimeoutException te = new TimeoutException("Async.waitFor() with a timeout of " + timeout
						+ " gave the awaitable no time; it was cancelled before completing.");
				te.initCause(e);
				throw te;
			}
		}
		return Timeout.after(timeout).run(() -> awaitUntilReallyDone(awaitable));
	}

	/**
	 * Awaits; if this task is cancelled meanwhile, cancels a future it awaits and waits until that future is
	 * actually done before re-throwing, as Python's wait_for does: a timed-out task has finished its cleanup
	 * when waitFor throws. A Mono-backed awaitable is simply unsubscribed.
	 */
	private static <T extends @Nullable Object> T awaitUntilReallyDone(Awaitable<T> awaitable) throws Exception {
		if (!(awaitable instanceof Future<T> f)) {
			return Bridge.await(awaitable);
		}
		try {
			return Bridge.await(f);
		}
		catch (CancelledError e) {
			if (!f.isDone()) {
				awaitDone(f); // the cancelled await has already cancelled f; let it finish its cleanup
			}
			throw e;
		}
	}

	/**
	 * Waits until {@code f} is done without taking its outcome. A further cancel request to this task
	 * meanwhile is passed on to {@code f} (as Python's task would pass it to the future it waits on) and
	 * otherwise absorbed: the caller is about to throw a {@link CancelledError} anyway.
	 */
	static void awaitDone(Future<?> f) {
		TaskImpl<?> task = Bridge.runningTask("awaitDone");
		while (!f.isDone()) {
			FutureImpl<@Nullable Void> signal = new FutureImpl<>(task.loop);
			// taken off again after each pass: a pass ends early on each further cancel, and a long-lived f would
			// otherwise collect one dead callback per pass
			Object handle = FutureImpl.addRemovable(f,
					x -> signal.complete(io.github.reactorasyncio.Future.State.DONE, null, null, null, null));
			try {
				LoopBinding.await(signal);
			}
			catch (CancelledError again) {
				f.cancel();
			}
			finally {
				FutureImpl.remove(f, handle);
			}
		}
	}
}
