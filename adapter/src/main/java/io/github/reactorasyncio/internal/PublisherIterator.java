package io.github.reactorasyncio.internal;

import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import io.github.reactorasyncio.AsyncIterator;
import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.Future;
import io.github.reactorasyncio.InvalidStateException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Operators;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

/**
 * {@code Async.iterate}: subscribes at once with the task's context and a prefetch of {@link #PREFETCH},
 * buffers in a single-producer queue, and lets the coroutine wait on a loop future while the buffer is
 * empty. The publisher may signal on any thread.
 */
public final class PublisherIterator<T> implements AsyncIterator<T>, CoreSubscriber<T> {

	static final int PREFETCH = 32;
	static final int LIMIT = PREFETCH - (PREFETCH >> 2);

	@SuppressWarnings("rawtypes")
	private static final AtomicReferenceFieldUpdater<PublisherIterator, Subscription> S =
			AtomicReferenceFieldUpdater.newUpdater(PublisherIterator.class, Subscription.class, "s");
	@SuppressWarnings("rawtypes")
	private static final AtomicReferenceFieldUpdater<PublisherIterator, Future> WAITING =
			AtomicReferenceFieldUpdater.newUpdater(PublisherIterator.class, Future.class, "waiting");

	private final EventLoopImpl loop;
	private final Context context;
	private final Queue<T> queue = Queues.<T>get(PREFETCH).get();
	private volatile @Nullable Subscription s;
	private volatile boolean done;
	private @Nullable Throwable error;
	/** The loop future the coroutine waits on while the buffer is empty; whoever takes it completes it. */
	private volatile @Nullable Future<Void> waiting;
	// loop-confined
	private @Nullable T next;
	private int consumed;
	private boolean closed;
	private State state = State.ACTIVE;

	private PublisherIterator(EventLoopImpl loop, Context context) {
		this.loop = loop;
		this.context = context;
	}

	/** Subscribes to the publisher on behalf of the calling coroutine. */
	public static <T> PublisherIterator<T> subscribe(Publisher<T> publisher) {
		TaskImpl<?> task = Bridge.runningTask("Async.iterate()");
		PublisherIterator<T> it = new PublisherIterator<>(task.loop, Context.of(task.context));
		publisher.subscribe(it);
		return it;
	}

	@Override
	public boolean hasNext() {
		checkLoop();
		if (next != null) {
			return true;
		}
		if (closed) {
			return false;
		}
		for (;;) {
			boolean d = done;
			T v = queue.poll();
			if (v != null) {
				next = v;
				return true;
			}
			if (d) {
				closed = true;
				state = State.EXHAUSTED;
				Throwable e = error;
				if (e != null) {
					error = null;
					throw Sneaky.rethrow(e);
				}
				return false;
			}
			Future<Void> f = loop.createFuture();
			waiting = f;
			// a signal may have come between the poll and the publication: take the future back
			if ((!queue.isEmpty() || done) && WAITING.compareAndSet(this, f, null)) {
				continue;
			}
			try {
				LoopBinding.await(f);
			}
			catch (CancelledError e) {
				close();
				throw e;
			}
		}
	}

	@Override
	public T next() {
		if (!hasNext()) {
			throw new NoSuchElementException("next() on " + this + ": there is no element left; check hasNext() first.");
		}
		T v = next;
		next = null;
		if (++consumed == LIMIT) {
			consumed = 0;
			Subscription sub = s;
			if (sub != null) {
				sub.request(LIMIT);
			}
		}
		return v;
	}

	@Override
	public void close() {
		if (closed) {
			return;
		}
		closed = true;
		state = State.CLOSED;
		next = null;
		Operators.terminate(S, this);
		queue.clear();
	}

	private void checkLoop() {
		if (EventLoopImpl.current() != loop) {
			throw new IllegalStateException("An AsyncIterator was used outside the loop of the coroutine that "
					+ "created it (" + loop + "), in thread " + Thread.currentThread().getName()
					+ ". Iterate it from coroutines of that loop.");
		}
	}

	@Override
	public State state() {
		return state;
	}

	@Override
	public Context currentContext() {
		return context;
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		java.util.Objects.requireNonNull(subscription, "subscription"); // Reactive Streams rule 2.13
		if (Operators.setOnce(S, this, subscription)) {
			subscription.request(PREFETCH);
		}
	}

	@Override
	public void onNext(T t) {
		java.util.Objects.requireNonNull(t, "t"); // rule 2.13
		if (done) {
			Operators.onNextDropped(t, context);
			return;
		}
		if (!queue.offer(t)) {
			Subscription sub = s;
			error = Operators.onOperatorError(sub,
					Exceptions.failWithOverflow("The publisher sent more than the " + PREFETCH + " requested."), t,
					context);
			if (sub != null) {
				sub.cancel();
			}
			done = true;
		}
		signal();
	}

	@Override
	public void onError(Throwable t) {
		java.util.Objects.requireNonNull(t, "t"); // rule 2.13
		if (done) {
			Operators.onErrorDropped(t, context);
			return;
		}
		error = t;
		done = true;
		signal();
	}

	@Override
	public void onComplete() {
		done = true;
		signal();
	}

	private void signal() {
		@SuppressWarnings("unchecked")
		Future<Void> f = WAITING.getAndSet(this, null);
		if (f != null) {
			try {
				f.setResult(null);
			}
			catch (InvalidStateException alreadyCancelled) {
				// the waiting task was cancelled meanwhile; it no longer needs the wake-up
			}
		}
	}

	@Override
	public String toString() {
		return "AsyncIterator[" + state + ", buffered=" + queue.size() + (done && !closed ? ", publisher done" : "") + "]";
	}
}
