package io.github.reactorasyncio.internal;

import java.util.function.Consumer;

import io.github.reactorasyncio.Future;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.MonoSink;

/**
 * Hands a future's outcome to a {@code MonoSink}: a {@code null} result completes it empty, an exception (a
 * cancellation included) is signalled as itself. After the subscriber cancelled, nothing is signalled:
 * an error sent to a cancelled sink would only be logged by Reactor as dropped.
 */
final class SinkCallback<T extends @Nullable Object> implements Consumer<Future<T>>, FutureImpl.AnyThread {

	private final MonoSink<T> sink;
	private volatile boolean cancelled;

	SinkCallback(MonoSink<T> sink) {
		this.sink = sink;
	}

	/** The subscriber cancelled: stay silent from now on. */
	void cancel() {
		cancelled = true;
	}

	@Override
	public void accept(Future<T> f) {
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
