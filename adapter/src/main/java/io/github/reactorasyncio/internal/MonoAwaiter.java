package io.github.reactorasyncio.internal;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/** Awaits a Mono: subscribes with the task's context, requests everything, takes the first value. */
final class MonoAwaiter<T extends @Nullable Object> extends Awaiter<T> implements CoreSubscriber<T> {

	@SuppressWarnings("rawtypes")
	private static final AtomicReferenceFieldUpdater<MonoAwaiter, Subscription> S =
			AtomicReferenceFieldUpdater.newUpdater(MonoAwaiter.class, Subscription.class, "s");

	private volatile @Nullable Subscription s;
	private boolean done;
	private final Context context;

	MonoAwaiter(TaskImpl<?> task) {
		super(task);
		this.context = Context.of(task.context);
	}

	@Override
	public Context currentContext() {
		return context;
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		if (Operators.setOnce(S, this, subscription)) {
			subscription.request(Long.MAX_VALUE);
		}
	}

	@Override
	public void onNext(T t) {
		if (done) {
			Operators.onNextDropped(t, context);
			return;
		}
		done = true;
		complete(t, null);
	}

	@Override
	public void onError(Throwable t) {
		if (done) {
			Operators.onErrorDropped(t, context);
			return;
		}
		done = true;
		complete(null, t);
	}

	@Override
	public void onComplete() {
		if (!done) {
			done = true;
			complete(null, null);
		}
	}

	@Override
	void cancelSource(@Nullable String message) {
		Operators.terminate(S, this);
	}
}
