package io.github.reactorasyncio.internal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.ExceptionContext;
import io.github.reactorasyncio.Future;
import io.github.reactorasyncio.InvalidStateException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Python's {@code asyncio.Future}. Transitions take the future's lock, so they are safe from any thread;
 * callbacks are scheduled on the loop. An exception that nobody retrieved is reported to the loop's
 * exception handler, on the loop, when the future is garbage-collected, as CPython does in {@code __del__}
 * ({@link NeverRetrieved}); once the loop is closed, such a report is logged instead. Its
 * {@code CompletableFuture} view is a {@link FutureView}.
 */
public non-sealed class FutureImpl<T extends @Nullable Object> implements Future<T> {

	final EventLoopImpl loop;
	volatile State state = State.PENDING;
	private @Nullable T result;
	private @Nullable Throwable exception;
	// a task also keeps the message of a pending cancel request here, until it completes
	@Nullable String cancelMessage;
	// null, one callback (the common case: its awaiter), or the first CallbackNode of a circular doubly-linked
	// list: no node per future until a second callback or a removable one comes, and unlinking a node is O(1)
	// (100,000 cancelled waiters of one shared future must not each scan the others)
	private @Nullable Object callbacks;
	private @Nullable NeverRetrieved unretrieved;

	FutureImpl(EventLoopImpl loop) {
		this.loop = loop;
	}

	@Override
	public EventLoop loop() {
		return loop;
	}

	@Override
	public State state() {
		return state;
	}

	@Override
	public boolean isDone() {
		State s = state;
		return s == State.DONE || s == State.CANCELLED;
	}

	@Override
	public boolean isCancelled() {
		return state == State.CANCELLED;
	}

	@Override
	public T result() throws Exception {
		Throwable e = outcome("result()");
		if (e != null) {
			throw Sneaky.rethrow(e);
		}
		return result;
	}

	@Override
	public @Nullable Throwable exception() {
		return outcome("exception()");
	}

	/** The exception (marking it retrieved) or null; throws for a cancelled or pending future. */
	private synchronized @Nullable Throwable outcome(String what) {
		switch (state) {
			case CANCELLED:
				// the CancelledError a task ended with, the same instance each time (CPython 3.11+ hands it to
				// the first taker); a plain cancel() makes a new one per call, as CPython does
				throw exception instanceof CancelledError e ? e : new CancelledError(cancelMessage);
			case DONE:
				markRetrieved();
				return exception;
			default:
				throw new InvalidStateException(what + " of " + this + ": it is " + state
						+ "; await it, or check isDone() first.");
		}
	}

	private void markRetrieved() {
		NeverRetrieved u = unretrieved;
		if (u != null) {
			u.retrieved();
		}
	}

	@Override
	public void setResult(T value) {
		complete(State.DONE, value, null, null, "setResult()");
	}

	@Override
	public void setException(Throwable exception) {
		Objects.requireNonNull(exception, "exception");
		complete(State.DONE, null, exception, null, "setException()");
	}

	@Override
	public boolean cancel() {
		return cancel(null);
	}

	@Override
	public boolean cancel(@Nullable String message) {
		return complete(State.CANCELLED, null, null, message, null);
	}

	/**
	 * The one transition out of PENDING/RUNNING. With {@code what == null} a future that is done already
	 * returns false; otherwise it throws.
	 */
	final boolean complete(State to, @Nullable T value, @Nullable Throwable error, @Nullable String message,
			@Nullable String what) {
		Object cbs;
		synchronized (this) {
			if (isDone()) {
				if (what == null) {
					return false;
				}
				throw new InvalidStateException(what + " of " + this + ": it is " + state + " already.");
			}
			result = value;
			exception = error;
			cancelMessage = message;
			state = to;
			cbs = callbacks;
			callbacks = null;
			if (error != null && to == State.DONE) {
				unretrieved = NeverRetrieved.watch(this, error, this instanceof TaskImpl<?> t ? t.name() : null);
			}
		}
		if (cbs instanceof CallbackNode first) {
			// the list is detached and no longer changes: unlinking checks isDone() under the lock first
			CallbackNode n = first;
			do {
				schedule(n.callback);
				n = n.next;
			}
			while (n != first);
		}
		else if (cbs != null) {
			schedule(cbs);
		}
		return true;
	}

	@SuppressWarnings("unchecked")
	private void schedule(Object callback) {
		if (callback instanceof FutureAwaiter<?> w) {
			// A task waiting on this future: queue its next step right here, where CPython's call_soon would
			// queue its wake-up. Posting a callback that then posts the task would let whatever was queued
			// meanwhile (a task created after setResult) overtake it.
			((FutureAwaiter<T>) w).accept(this);
			return;
		}
		Consumer<? super Future<T>> cb = (Consumer<? super Future<T>>) callback;
		if (loop.postIfOpen(() -> cb.accept(this))) {
			return;
		}
		if (callback instanceof AnyThread) {
			cb.accept(this); // its loop is closed, and it needs none
			return;
		}
		loop.reportLater(new ExceptionContext("Done callback " + cb + " of " + this + " was not run: its "
				+ loop + " is closed. Complete a loop's futures before closing it.", null, null, null));
	}

	/**
	 * Marks a done callback that may run on any thread: once the future's loop is closed it runs on the thread
	 * that completes the future, or that adds it to a done one, instead of being refused.
	 */
	interface AnyThread {
	}

	/** Refuses a callback that a closed loop would never run. */
	private void checkLoopOpen(Object callback) {
		if (loop.isClosed() && !(callback instanceof AnyThread) && !(callback instanceof FutureAwaiter<?>)) {
			throw new IllegalStateException("addDoneCallback() on " + this + " of " + loop + ", which is closed and "
					+ "runs no more callbacks. Add callbacks before closing the loop, or await the future.");
		}
	}

	/** Name used in reports of unretrieved exceptions. */
	String describe() {
		return "Future";
	}

	@Override
	public void addDoneCallback(Consumer<? super Future<T>> callback) {
		Objects.requireNonNull(callback, "callback");
		checkLoopOpen(callback);
		synchronized (this) {
			if (!isDone()) {
				Object cbs = callbacks;
				if (cbs == null) {
					callbacks = callback;
				}
				else {
					link(new CallbackNode(callback));
				}
				return;
			}
		}
		schedule(callback);
	}

	/**
	 * As {@link #addDoneCallback}, returning a handle that {@link #removeDoneCallbackByHandle} takes off in
	 * O(1); null when the future was done already and the callback is scheduled.
	 */
	public @Nullable Object addRemovableDoneCallback(Consumer<? super Future<T>> callback) {
		checkLoopOpen(callback);
		synchronized (this) {
			if (!isDone()) {
				CallbackNode node = new CallbackNode(callback);
				link(node);
				return node;
			}
		}
		schedule(callback);
		return null;
	}

	/** Takes off the callback that {@link #addRemovableDoneCallback} added; O(1), no-op once done. */
	public synchronized void removeDoneCallbackByHandle(@Nullable Object handle) {
		if (handle instanceof CallbackNode node && node.linked && !isDone()) {
			unlink(node);
		}
	}

	/** {@link #addRemovableDoneCallback} on any future: another implementation gives its callback as handle. */
	static <T extends @Nullable Object> @Nullable Object addRemovable(Future<T> f, Consumer<? super Future<T>> callback) {
		if (f instanceof FutureImpl<T> impl) {
			return impl.addRemovableDoneCallback(callback);
		}
		f.addDoneCallback(callback);
		return callback;
	}

	/** Takes off what {@link #addRemovable} added. */
	@SuppressWarnings("unchecked")
	static <T extends @Nullable Object> void remove(Future<T> f, @Nullable Object handle) {
		if (f instanceof FutureImpl<T> impl) {
			impl.removeDoneCallbackByHandle(handle);
		}
		else if (handle != null) {
			f.removeDoneCallback((Consumer<? super Future<T>>) handle);
		}
	}

	// under the lock
	private void link(CallbackNode node) {
		Object cbs = callbacks;
		if (cbs == null) {
			node.prev = node.next = node;
			callbacks = node;
		}
		else {
			CallbackNode first;
			if (cbs instanceof CallbackNode n) {
				first = n;
			}
			else {
				first = new CallbackNode(cbs);
				first.prev = first.next = first;
				callbacks = first;
			}
			CallbackNode last = first.prev;
			node.prev = last;
			node.next = first;
			last.next = node;
			first.prev = node;
		}
		node.linked = true;
	}

	// under the lock, on a linked node of a pending future
	private void unlink(CallbackNode node) {
		node.linked = false;
		if (node.next == node) {
			callbacks = null;
			return;
		}
		node.prev.next = node.next;
		node.next.prev = node.prev;
		if (callbacks == node) {
			callbacks = node.next;
		}
	}

	@Override
	public synchronized int removeDoneCallback(Consumer<? super Future<T>> callback) {
		Objects.requireNonNull(callback, "callback");
		Object cbs = callbacks;
		if (cbs == callback) {
			callbacks = null;
			return 1;
		}
		if (!(cbs instanceof CallbackNode first)) {
			return 0;
		}
		// by identity, every registration of it, as Python's remove_done_callback: a scan, as there
		int removed = 0;
		CallbackNode n = first;
		CallbackNode last = first.prev;
		for (;;) {
			CallbackNode next = n.next;
			boolean wasLast = n == last;
			if (n.callback == callback) {
				unlink(n);
				removed++;
			}
			if (wasLast || callbacks == null) {
				return removed;
			}
			n = next;
		}
	}

	/** {@return how many done callbacks wait on this future} Tests read it as CPython's read {@code fut._callbacks}. */
	public synchronized int doneCallbackCount() {
		Object cbs = callbacks;
		if (!(cbs instanceof CallbackNode first)) {
			return cbs == null ? 0 : 1;
		}
		int n = 0;
		CallbackNode node = first;
		do {
			n++;
			node = node.next;
		}
		while (node != first);
		return n;
	}

	@Override
	public Mono<T> toMono() {
		return Mono.create(sink -> {
			if (this instanceof TaskImpl<?> t && !isDone() && SelfAwait.subscribedByItsOwnAwait(sink, t)) {
				sink.error(SelfAwait.error(t, "through its toMono()"));
				return;
			}
			SinkCallback<T> cb = new SinkCallback<>(sink);
			// a task's loop closes only once the task is done, so only a plain future can strand its subscriber
			if (!(this instanceof TaskImpl<?>) && !cb.watch(this)) {
				return;
			}
			Object handle = addRemovableDoneCallback(cb);
			sink.onCancel(() -> {
				cb.cancel();
				removeDoneCallbackByHandle(handle);
			});
		});
	}

	@Override
	public CompletableFuture<T> toCompletableFuture() {
		return FutureView.of(this);
	}

	@Override
	public String toString() {
		return describe() + "[" + state + "]";
	}

	/**
	 * A callback in the list; a class of its own, not a {@code Consumer}, so that a user's callback can never
	 * be mistaken for a node.
	 */
	private static final class CallbackNode {
		final Object callback;
		CallbackNode prev = this, next = this;
		boolean linked;

		CallbackNode(Object callback) {
			this.callback = callback;
		}
	}
}
