package io.github.reactorasyncio.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.reactorasyncio.Awaitable;
import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.Future;
import org.jspecify.annotations.Nullable;

/**
 * Python's {@code _GatheringFuture}: done when every child is done (or, without {@code returnExceptions},
 * when the first one fails or is cancelled, leaving the others running). Cancelling it cancels every child;
 * it then completes as cancelled once they are all done. Loop-confined: child callbacks run on the loop.
 */
public final class Gather<T extends @Nullable Object> extends FutureImpl<List<T>> {

	private final List<Future<? extends T>> children;
	private final boolean returnExceptions;
	private final int unique;
	private int finished;
	private boolean cancelRequested;
	private @Nullable String cancelRequestMessage;

	private Gather(EventLoopImpl loop, List<Future<? extends T>> children, int unique, boolean returnExceptions) {
		super(loop);
		this.children = children;
		this.unique = unique;
		this.returnExceptions = returnExceptions;
	}

	/**
	 * Awaits all of them from the running task: the body of {@code Async.gather}.
	 *
	 * @param returnExceptions whether exceptions (and {@link CancelledError} for cancelled children) go
	 *        into the list instead of failing the gather
	 */
	@SuppressWarnings("unchecked")
	public static <T extends @Nullable Object> List<T> await(List<? extends Awaitable<? extends T>> awaitables,
			boolean returnExceptions) throws Exception {
		TaskImpl<?> task = Bridge.runningTask(returnExceptions ? "Async.gatherReturnExceptions()" : "Async.gather()");
		if (awaitables.isEmpty()) {
			return new ArrayList<>(0);
		}
		// the same awaitable twice is one child, as in Python, but appears twice in the results
		Map<Awaitable<?>, Future<? extends T>> seen = new IdentityHashMap<>();
		List<Future<? extends T>> children = new ArrayList<>(awaitables.size());
		for (Awaitable<? extends T> a : awaitables) {
			Future<? extends T> f = seen.get(a);
			if (f == null) {
				f = EnsureFuture.of(task.loop, a);
				seen.put(a, f);
			}
			children.add(f);
		}
		Gather<T> outer = new Gather<>(task.loop, children, seen.size(), returnExceptions);
		Consumer<Future<?>> onDone = outer::childDone;
		for (Future<? extends T> f : seen.values()) {
			((Future<Object>) f).addDoneCallback(onDone);
		}
		return Bridge.await(outer);
	}

	private void childDone(Future<?> child) {
		finished++;
		if (isDone()) {
			if (!child.isCancelled()) {
				child.exception(); // retrieved here, so that it is not reported as never retrieved
			}
			return;
		}
		if (!returnExceptions) {
			Throwable e = outcome(child);
			if (e instanceof CancelledError) {
				// Python sets the CancelledError as the exception; a CANCELLED state gives awaiters the same
				// exception without reporting it as never retrieved when the awaiter has gone
				complete(State.CANCELLED, null, e, e.getMessage(), null);
				return;
			}
			if (e != null) {
				complete(State.DONE, null, e, null, null);
				return;
			}
		}
		if (finished < unique) {
			return;
		}
		if (cancelRequested) {
			// as CPython: the cancellation of the child that finished last, which carries the cancel message
			CancelledError c = outcome(child) instanceof CancelledError ce ? ce : new CancelledError(cancelRequestMessage);
			complete(State.CANCELLED, null, c, c.getMessage(), null);
			return;
		}
		List<@Nullable Object> results = new ArrayList<>(children.size());
		for (Future<?> f : children) {
			Throwable e = outcome(f);
			results.add(e != null ? e : resultOf(f));
		}
		@SuppressWarnings("unchecked")
		List<T> typed = (List<T>) (List<?>) Collections.unmodifiableList(results);
		complete(State.DONE, typed, null, null, null);
	}

	/** @return the child's exception, a {@link CancelledError} if it was cancelled, or null */
	private static @Nullable Throwable outcome(Future<?> f) {
		try {
			return f.exception();
		}
		catch (CancelledError e) {
			return e;
		}
	}

	private static @Nullable Object resultOf(Future<?> f) {
		try {
			return f.result();
		}
		catch (Exception e) {
			throw new IllegalStateException("a child of gather() changed after it was done: " + f, e);
		}
	}

	/** Cancels every child that is not done; returns whether any was. */
	@Override
	public boolean cancel(@Nullable String message) {
		if (isDone()) {
			return false;
		}
		boolean any = false;
		for (Future<? extends T> f : children) {
			if (f.cancel(message)) {
				any = true;
			}
		}
		if (any) {
			cancelRequested = true;
			cancelRequestMessage = message;
		}
		return any;
	}

	@Override
	String describe() {
		return "GatheringFuture";
	}
}
