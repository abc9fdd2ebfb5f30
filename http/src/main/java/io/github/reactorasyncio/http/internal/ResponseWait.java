package io.github.reactorasyncio.http.internal;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The wait for a request's response, as one operator: the first value of {@code source}, or the request's
 * {@link Deadline} failure if it passes first, with errors mapped and a context added for the source. It does
 * what {@code source.next().timeout(deadline.passed(), error).doOnNext(delivered).doOnCancel(cancelUndelivered)
 * .onErrorMap(map).contextWrite(context)} did, with one subscriber instead of six and no timer or sink of its
 * own (issue 14 §1):
 * <ul>
 * <li>a value: the deadline is marked delivered (its reader or closer now disarms it), the source is cancelled
 *     and the value signalled with completion;</li>
 * <li>the deadline passing first: the source is cancelled, {@code timeout.get()} is signalled through
 *     {@code mapError}; a value that comes after is dropped (the response's own expiry releases it);</li>
 * <li>an error, or completion without a value: the deadline is cancelled; the error goes through
 *     {@code mapError};</li>
 * <li>a cancel before a value: the deadline is cancelled, then the source.</li>
 * </ul>
 * Signals on the thread of whichever comes first: the source's (a Netty event loop) or the deadline's timer.
 */
public final class ResponseWait<T> extends Mono<T> {

	private final Publisher<T> source;
	private final Deadline deadline;
	private final Context context;
	private final Supplier<Throwable> timeout;
	private final Function<Throwable, Throwable> mapError;

	/**
	 * @param context added to the subscriber's for the source
	 * @param timeout the error when the deadline passes first
	 * @param mapError maps every error signalled, the timeout's included
	 */
	public ResponseWait(Publisher<T> source, Deadline deadline, Context context, Supplier<Throwable> timeout,
			Function<Throwable, Throwable> mapError) {
		this.source = source;
		this.deadline = deadline;
		this.context = context;
		this.timeout = timeout;
		this.mapError = mapError;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		source.subscribe(new Waiter<>(actual, this));
	}

	private static final class Waiter<T> implements CoreSubscriber<T>, Subscription, Runnable {

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<Waiter> DONE = AtomicIntegerFieldUpdater.newUpdater(Waiter.class,
				"done");

		private final CoreSubscriber<? super T> actual;
		private final ResponseWait<T> parent;
		private final Context context;
		private @Nullable Subscription s;
		private volatile int done;

		Waiter(CoreSubscriber<? super T> actual, ResponseWait<T> parent) {
			this.actual = actual;
			this.parent = parent;
			this.context = actual.currentContext().putAll(parent.context.readOnly());
		}

		@Override
		public Context currentContext() {
			return context;
		}

		@Override
		public void onSubscribe(Subscription s) {
			if (Operators.validate(this.s, s)) {
				this.s = s;
				actual.onSubscribe(this);
				parent.deadline.awaitResponse(this);
			}
		}

		@Override
		public void onNext(T t) {
			if (!DONE.compareAndSet(this, 0, 1)) {
				Operators.onNextDropped(t, context);
				return;
			}
			parent.deadline.delivered();
			subscription().cancel();
			actual.onNext(t);
			actual.onComplete();
		}

		@Override
		public void onError(Throwable e) {
			if (!DONE.compareAndSet(this, 0, 1)) {
				Operators.onErrorDropped(e, context);
				return;
			}
			parent.deadline.cancel();
			actual.onError(parent.mapError.apply(e));
		}

		@Override
		public void onComplete() {
			if (DONE.compareAndSet(this, 0, 1)) {
				parent.deadline.cancel();
				actual.onComplete();
			}
		}

		/** The deadline passed before the response came. */
		@Override
		public void run() {
			if (DONE.compareAndSet(this, 0, 1)) {
				subscription().cancel();
				Throwable e = parent.timeout.get();
				parent.deadline.cancel();
				actual.onError(parent.mapError.apply(e));
			}
		}

		@Override
		public void request(long n) {
			subscription().request(n);
		}

		@Override
		public void cancel() {
			if (DONE.compareAndSet(this, 0, 1)) {
				parent.deadline.cancel();
				subscription().cancel();
			}
		}

		private Subscription subscription() {
			Subscription sub = s;
			if (sub == null) {
				throw new IllegalStateException("not subscribed");
			}
			return sub;
		}
	}
}
