package io.github.reactorasyncio.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

import io.github.reactorasyncio.DoneAndPending;
import io.github.reactorasyncio.Future;
import io.github.reactorasyncio.ReturnWhen;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/** Python's {@code asyncio.wait}: one waiter future released by the futures' done callbacks or a timer. */
public final class Wait {

	private Wait() {
	}

	public static <T extends @Nullable Object> DoneAndPending<T> await(Collection<? extends Future<T>> futures,
			@Nullable Duration timeout, ReturnWhen returnWhen) throws Exception {
		TaskImpl<?> task = Bridge.runningTask("Async.waitFutures()");
		Set<Future<T>> fs = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
		Set<Future<T>> ordered = new LinkedHashSet<>();
		for (Future<T> f : futures) {
			if (f.loop() != task.loop) {
				throw new IllegalArgumentException(f + " belongs to " + f.loop() + ", not to the running " + task.loop
						+ ". Async.waitFutures() watches futures of its own loop; wrap others in Async.createTask(...).");
			}
			if (fs.add(f)) {
				ordered.add(f);
			}
		}
		if (fs.isEmpty()) {
			throw new IllegalArgumentException("Async.waitFutures() was given no futures; it needs at least one to wait for.");
		}
		FutureImpl<@Nullable Void> waiter = new FutureImpl<>(task.loop);
		Disposable timer = timeout == null ? null : task.loop.callLater(timeout, () -> release(waiter));
		int[] counter = {fs.size()};
		Consumer<Future<T>> onCompletion = f -> {
			counter[0]--;
			if (counter[0] <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
					|| (returnWhen == ReturnWhen.FIRST_EXCEPTION && !f.isCancelled() && f.exception() != null)) {
				if (timer != null) {
					timer.dispose();
				}
				release(waiter);
			}
		};
		Object[] handles = new Object[ordered.size()];
		int i = 0;
		for (Future<T> f : ordered) {
			handles[i++] = FutureImpl.addRemovable(f, onCompletion);
		}
		try {
			Bridge.await(waiter);
		}
		finally {
			if (timer != null) {
				timer.dispose();
			}
			int j = 0;
			for (Future<T> f : ordered) {
				FutureImpl.remove(f, handles[j++]);
			}
		}
		Set<Future<T>> done = new LinkedHashSet<>();
		Set<Future<T>> pending = new LinkedHashSet<>();
		for (Future<T> f : ordered) {
			(f.isDone() ? done : pending).add(f);
		}
		return new DoneAndPending<>(Collections.unmodifiableSet(done), Collections.unmodifiableSet(pending));
	}

	private static void release(FutureImpl<@Nullable Void> waiter) {
		waiter.complete(Future.State.DONE, null, null, null, null);
	}
}
