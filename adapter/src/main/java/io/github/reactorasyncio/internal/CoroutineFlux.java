package io.github.reactorasyncio.internal;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import io.github.reactorasyncio.AsyncGenerator;
import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.Coroutine;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.Future;
import io.github.reactorasyncio.FluxEmitter;
import io.github.reactorasyncio.InvalidStateException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

/**
 * {@code Async.flux}: a cold Flux whose body runs as a task; each subscription starts one. The body's
 * {@code emit} waits on a loop future for demand, so backpressure suspends the coroutine instead of
 * buffering; cancelling the subscription cancels the task.
 */
public final class CoroutineFlux<T> extends Flux<T> {

	private final @Nullable EventLoop explicit;
	private final AsyncGenerator<T> body;

	public CoroutineFlux(@Nullable EventLoop explicit, AsyncGenerator<T> body) {
		this.explicit = explicit;
		this.body = body;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		EventLoopImpl loop = (EventLoopImpl) (explicit != null ? explicit : Bridge.loopForMono());
		Emitter<T> emitter = new Emitter<>(actual, loop, body);
		actual.onSubscribe(emitter);
		if (emitter.cancelled) {
			return;
		}
		TaskImpl<Void> task;
		try {
			task = loop.newTask(emitter, null, actual.currentContext());
		}
		catch (RuntimeException closed) {
			// the subscriber has its Subscription already: a closed loop must reach it as a signal
			actual.onError(closed);
			return;
		}
		emitter.task = task;
		// a cancel that raced with the start saw no task to cancel
		if (emitter.cancelled) {
			task.cancel();
		}
		loop.awaitIdle();
	}

	static final class Emitter<T> implements FluxEmitter<T>, Subscription, Coroutine<Void> {

		@SuppressWarnings("rawtypes")
		private static final AtomicLongFieldUpdater<Emitter> REQUESTED =
				AtomicLongFieldUpdater.newUpdater(Emitter.class, "requested");
		@SuppressWarnings("rawtypes")
		private static final AtomicReferenceFieldUpdater<Emitter, Future> DEMAND =
				AtomicReferenceFieldUpdater.newUpdater(Emitter.class, Future.class, "demand");

		private final CoreSubscriber<? super T> actual;
		private final EventLoopImpl loop;
		private final AsyncGenerator<T> body;
		volatile @Nullable TaskImpl<Void> task;
		volatile boolean cancelled;
		private volatile long requested;
		/** The loop future an emit waits on while there is no demand; whoever takes it completes it. */
		private volatile @Nullable Future<Void> demand;
		// loop-confined
		private @Nullable TaskImpl<?> owner;
		private boolean done;

		Emitter(CoreSubscriber<? super T> actual, EventLoopImpl loop, AsyncGenerator<T> body) {
			this.actual = actual;
			this.loop = loop;
			this.body = body;
		}

		@Override
		public @Nullable Void call() throws Exception {
			// the task may start before subscribe() has stored it in the task field
			owner = Bridge.runningTask("Async.flux body");
			try {
				body.generate(this);
			}
			catch (Throwable e) {
				done = true;
				if (!cancelled) {
					actual.onError(e);
				}
				else if (!(e instanceof CancelledError)) {
					Operators.onErrorDropped(e, actual.currentContext());
				}
				if (e instanceof CancelledError) {
					// keeps the task CANCELLED, so that loop shutdown and cancel() see it as such
					throw e;
				}
				return null;
			}
			done = true;
			if (!cancelled) {
				actual.onComplete();
			}
			return null;
		}

		@Override
		public void emit(T value) {
			Objects.requireNonNull(value, "value");
			TaskImpl<?> running = Bridge.runningTask("FluxEmitter.emit()");
			if (running != owner) {
				throw new IllegalStateException("FluxEmitter.emit() was called from " + running + ", but only the "
						+ "generator's own task (" + owner + ") may emit. Hand values to it, e.g. with a Queue.");
			}
			if (done) {
				throw new InvalidStateException("FluxEmitter.emit() was called after the generator body returned: "
						+ "the Flux is " + (cancelled ? "CANCELLED" : "TERMINATED") + " already.");
			}
			for (;;) {
				if (cancelled) {
					throw new CancelledError("the Flux subscriber cancelled");
				}
				if (requested != 0) {
					break;
				}
				Future<Void> f = loop.createFuture();
				demand = f;
				// request() may have come between the check and the publication: take the future back
				if ((requested != 0 || cancelled) && DEMAND.compareAndSet(this, f, null)) {
					continue;
				}
				LoopBinding.await(f);
			}
			actual.onNext(value);
			if (requested != Long.MAX_VALUE) {
				REQUESTED.decrementAndGet(this);
			}
		}

		@Override
		public void request(long n) {
			if (Operators.validate(n)) {
				Operators.addCap(REQUESTED, this, n);
				@SuppressWarnings("unchecked")
				Future<Void> f = DEMAND.getAndSet(this, null);
				if (f != null) {
					try {
						f.setResult(null);
					}
					catch (InvalidStateException alreadyCancelled) {
						// the waiting emit was cancelled meanwhile; it no longer needs the wake-up
					}
				}
			}
		}

		@Override
		public void cancel() {
			cancelled = true;
			TaskImpl<Void> t = task;
			if (t != null) {
				t.cancel("the Flux subscriber cancelled");
			}
		}
	}
}
