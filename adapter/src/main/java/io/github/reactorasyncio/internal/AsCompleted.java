package io.github.reactorasyncio.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.github.reactorasyncio.Awaitable;
import io.github.reactorasyncio.Future;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Python 3.12's {@code asyncio.as_completed}: futures report to a queue as they finish, and each of the
 * returned awaitables takes the next one from it (a getter that arrives first waits for it). The timeout
 * puts one "timed out" marker in the queue per future still running, so every awaitable still to be
 * awaited throws {@link TimeoutException}. Loop-confined.
 */
public final class AsCompleted<T extends @Nullable Object> {

	private static final Object TIMED_OUT = new Object();

	private final EventLoopImpl loop;
	private final Set<Future<?>> todo = Collections.newSetFromMap(new IdentityHashMap<>());
	private final ArrayDeque<Object> done = new ArrayDeque<>();
	private final ArrayDeque<MonoSink<T>> getters = new ArrayDeque<>();
	private final Consumer<Future<?>> onCompletion = this::completed;
	private final @Nullable Duration timeout;
	private @Nullable Disposable timer;

	private AsCompleted(EventLoopImpl loop, @Nullable Duration timeout) {
		this.loop = loop;
		this.timeout = timeout;
	}

	/** Registers on every future (wrapping other awaitables in tasks) and returns one getter per future. */
	@SuppressWarnings("unchecked")
	public static <T extends @Nullable Object> List<Awaitable<T>> start(
			Collection<? extends Awaitable<? extends T>> awaitables, @Nullable Duration timeout) {
		EventLoopImpl loop = EventLoopImpl.current();
		if (loop == null) {
			throw new IllegalStateException("Async.asCompleted() was called outside a coroutine or loop callback "
					+ "(thread " + Thread.currentThread().getName() + "); call it from a coroutine.");
		}
		AsCompleted<T> ac = new AsCompleted<>(loop, timeout);
		Map<Awaitable<?>, Boolean> seen = new IdentityHashMap<>();
		Set<Future<?>> ordered = new LinkedHashSet<>();
		for (Awaitable<? extends T> a : awaitables) {
			if (seen.put(a, Boolean.TRUE) == null) {
				Future<?> f = EnsureFuture.of(loop, a);
				if (ac.todo.add(f)) {
					ordered.add(f);
				}
			}
		}
		for (Future<?> f : ordered) {
			((Future<Object>) f).addDoneCallback(ac.onCompletion);
		}
		if (!ac.todo.isEmpty() && timeout != null) {
			ac.timer = loop.callLater(timeout, ac::timedOut);
		}
		List<Awaitable<T>> next = new ArrayList<>(ac.todo.size());
		Awaitable<T> one = ac::next;
		for (int i = 0; i < ac.todo.size(); i++) {
			next.add(one);
		}
		return Collections.unmodifiableList(next);
	}

	@SuppressWarnings("unchecked")
	private void timedOut() {
		for (Future<?> f : todo) {
			((Future<Object>) f).removeDoneCallback(onCompletion);
			deliver(TIMED_OUT);
		}
		todo.clear();
	}

	private void completed(Future<?> f) {
		if (todo.isEmpty()) {
			return; // the timeout came first
		}
		todo.remove(f);
		deliver(f);
		Disposable t = timer;
		if (todo.isEmpty() && t != null) {
			t.dispose();
		}
	}

	private void deliver(Object item) {
		MonoSink<T> getter = getters.poll();
		if (getter != null) {
			signal(getter, item);
		}
		else {
			done.add(item);
		}
	}

	/** Python's {@code _wait_for_one}: the next outcome in completion order. */
	private Mono<T> next() {
		return Mono.create(sink -> {
			if (loop.inLoopThread()) {
				take(sink);
			}
			else {
				loop.post(() -> take(sink));
			}
		});
	}

	private void take(MonoSink<T> sink) {
		Object item = done.poll();
		if (item != null) {
			signal(sink, item);
			return;
		}
		getters.add(sink);
		sink.onCancel(() -> {
			if (loop.inLoopThread()) {
				getters.remove(sink);
			}
			else {
				loop.post(() -> getters.remove(sink));
			}
		});
	}

	@SuppressWarnings("unchecked")
	private void signal(MonoSink<T> sink, Object item) {
		if (item == TIMED_OUT) {
			sink.error(new TimeoutException("Async.asCompleted() timed out after " + timeout
					+ " with this awaitable's future still running; it was not cancelled."));
			return;
		}
		SinkCallback.signal(sink, (Future<T>) item);
	}
}
