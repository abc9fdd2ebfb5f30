package io.github.reactorasyncio.internal;

import java.util.Map;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Python's {@code asyncio.to_thread}: runs the callable on {@code Schedulers.boundedElastic()} with a copy
 * of the task's context variables (and MDC), and awaits it. Cancelling the awaiting task cancels the
 * subscription, which interrupts the elastic thread if the callable is running.
 */
public final class ToThread {

	private ToThread() {
	}

	public static <T extends @Nullable Object> T await(Callable<T> callable) throws Exception {
		TaskImpl<?> task = Bridge.runningTask("Async.toThread()");
		Locals context = task.locals;
		@Nullable Map<String, String> mdc = MdcHook.ENABLED ? MdcHook.current() : null;
		Mono<T> call = Mono.fromCallable(() -> {
			Locals before = Locals.ofThread();
			Locals.setThread(context);
			if (mdc != null) {
				MdcHook.set(mdc);
			}
			try {
				return callable.call();
			}
			finally {
				Locals.setThread(before);
				if (mdc != null) {
					MdcHook.set(null);
				}
			}
		});
		return Bridge.await(call.subscribeOn(Schedulers.boundedElastic()));
	}
}
