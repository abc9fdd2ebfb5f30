package io.github.reactorasyncio.internal;

import java.util.function.Consumer;

import io.github.reactorasyncio.Awaitable;
import io.github.reactorasyncio.Future;
import org.jspecify.annotations.Nullable;

/**
 * Python's {@code asyncio.shield}: an outer future that mirrors the inner one, so that cancelling the outer
 * (which is what cancelling its awaiter does) leaves the inner running.
 */
public final class Shield {

	private Shield() {
	}

	/** The outer future of {@code Async.shield}; a done inner future is returned as is. */
	public static <T extends @Nullable Object> Future<T> of(Awaitable<T> awaitable) {
		EventLoopImpl loop = EventLoopImpl.current();
		Future<T> inner;
		if (awaitable instanceof Future<T> f) {
			inner = f;
		}
		else if (loop != null) {
			inner = EnsureFuture.of(loop, awaitable);
		}
		else {
			throw new IllegalStateException("Async.shield() of an awaitable that is not a Future must be called "
					+ "from a coroutine or loop callback, to wrap it in a task there.");
		}
		if (inner.isDone()) {
			return inner;
		}
		FutureImpl<T> outer = new FutureImpl<>((EventLoopImpl) inner.loop());
		Consumer<Future<T>> innerDone = i -> {
			if (outer.isCancelled()) {
				if (!i.isCancelled()) {
					i.exception(); // nobody else will look at it now
				}
				return;
			}
			if (i.isCancelled()) {
				outer.cancel();
				return;
			}
			Throwable e = i.exception();
			if (e != null) {
				outer.setException(e);
			}
			else {
				try {
					outer.setResult(i.result());
				}
				catch (Exception impossible) {
					outer.setException(impossible);
				}
			}
		};
		Object handle = FutureImpl.addRemovable(inner, innerDone);
		outer.addDoneCallback(o -> {
			if (!inner.isDone()) {
				FutureImpl.remove(inner, handle);
			}
		});
		return outer;
	}
}
