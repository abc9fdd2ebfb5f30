package io.github.reactorasyncio.internal;

import java.util.Objects;
import java.util.function.Consumer;

import io.github.reactorasyncio.Future;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.MonoSink;

/**
 * Hands a future's outcome to a {@code MonoSink}: a {@code null} result completes it empty, an exception (a
 * cancellation included) is signalled as itself. After the subscriber cancelled, nothing is signalled:
 * an error sent to a cancelled sink would only be logged by Reactor as dropped.
 *
 * <p>Watching a plain future ({@link #watch}), it also fails the sink when the future's loop closes with the
 * future still pending, as {@link FutureAwaiter} fails a task of another loop: only the first of the outcome
 * and the closing is signalled. (A task needs no watching: its loop closes only once its tasks are done.)
 */
final class SinkCallback<T extends @Nullable Object> implements Consumer<Future<T>>, FutureImpl.AnyThread,
		LoopClosedListener {

	private final MonoSink<T> sink;
	private volatile boolean cancelled;
	// set by watch(): the future and its loop, whose closing fails the sink
	private @Nullable FutureImpl<T> watched;
	private boolean delivered;

	SinkCallback(MonoSink<T> sink) {
		this.sink = sink;
	}

	/**
	 * Fails the sink if the future's loop closes before the future completes.
	 *
	 * @return false if the loop is closed already: the sink has had the future's outcome or the error then
	 */
	boolean watch(FutureImpl<T> future) {
		watched = future;
		if (future.loop.addForeignAwaiter(this)) {
			return true;
		}
		loopClosed(future.loop);
		return false;
	}

	/** The subscriber cancelled: stay silent from now on. */
	void cancel() {
		cancelled = true;
		FutureImpl<T> f = watched;
		if (f != null) {
			f.loop.removeForeignAwaiter(this);
		}
	}

	@Override
	public void loopClosed(EventLoopImpl closed) {
		FutureImpl<T> f = Objects.requireNonNull(watched);
		if (f.isDone()) {
			accept(f);
		}
		else if (claim() && !cancelled) {
			sink.error(LoopClosedListener.stranded("A subscriber of toMono()", f, closed,
					", or subscribe to a task of that loop, which the loop cancels as it closes"));
		}
	}

	/** Only the first of the future's outcome and its loop's closing is signalled. */
	private synchronized boolean claim() {
		if (delivered) {
			return false;
		}
		delivered = true;
		return true;
	}

	@Override
	public void accept(Future<T> f) {
		FutureImpl<T> w = watched;
		if (w != null) {
			w.loop.removeForeignAwaiter(this);
			if (!claim()) {
				return;
			}
		}
		if (!cancelled) {
			signal(sink, f);
		}
	}

	/** Signals a done future's outcome to the sink: its value, empty for {@code null}, or its exception. */
	static <T extends @Nullable Object> void signal(MonoSink<T> sink, Future<T> f) {
		try {
			T v = f.result();
			if (v == null) {
				sink.success();
			}
			else {
				sink.success(v);
			}
		}
		catch (Throwable e) {
			sink.error(e);
		}
	}
}
