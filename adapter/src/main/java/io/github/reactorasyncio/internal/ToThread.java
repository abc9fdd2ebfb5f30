package io.github.reactorasyncio.internal;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;

import io.github.reactorasyncio.Future;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Python's {@code asyncio.to_thread} and {@code loop.run_in_executor}: runs the callable elsewhere and
 * completes on the loop. {@code to_thread} copies the task's context variables (and MDC) into the callable;
 * {@code run_in_executor} does not, as in CPython.
 */
public final class ToThread {

	private ToThread() {
	}

	/** Runs the callable on the executor (boundedElastic for null) with the task's context, and awaits it. */
	public static <T extends @Nullable Object> T await(@Nullable Executor executor, Callable<T> callable)
			throws Exception {
		TaskImpl<?> task = Bridge.runningTask("Async.toThread()");
		Callable<T> withContext = withContext(task.locals(), callable);
		if (executor == null) {
			return Bridge.await(Mono.fromCallable(withContext).subscribeOn(Schedulers.boundedElastic()));
		}
		return Bridge.await(Mono.<T>create(sink -> {
			FutureTask<T> work = new FutureTask<>(withContext) {
				@Override
				protected void done() {
					if (isCancelled()) {
						return;
					}
					try {
						T value = get();
						if (value == null) {
							sink.success();
						}
						else {
							sink.success(value);
						}
					}
					catch (java.util.concurrent.ExecutionException e) {
						sink.error(e.getCause());
					}
					catch (InterruptedException impossible) { // get() of a done FutureTask does not wait
						sink.error(impossible);
					}
				}
			};
			// interrupts the callable if it runs, keeps it from starting if it has not
			sink.onCancel(() -> work.cancel(true));
			executor.execute(work);
		}));
	}

	private static <T extends @Nullable Object> Callable<T> withContext(Locals context, Callable<T> callable) {
		@Nullable Map<String, String> mdc = MdcHook.ENABLED ? MdcHook.current() : null;
		return () -> {
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
		};
	}

	/**
	 * Python's {@code loop.run_in_executor}: a future of {@code loop}, completed on the loop with the callable's
	 * outcome. Cancelling the future cancels the work if it has not started (as CPython, no interrupt).
	 */
	public static <T extends @Nullable Object> Future<T> runInExecutor(EventLoopImpl loop, @Nullable Executor executor,
			Callable<T> callable) {
		ExecutorFuture<T> result = new ExecutorFuture<>(loop, callable);
		Executor where = executor != null ? executor : Schedulers.boundedElastic()::schedule;
		where.execute(result.work);
		return result;
	}

	/**
	 * The future of {@code run_in_executor}. It cancels the work in {@code cancel} itself, not in a done
	 * callback (which would run a loop iteration later, after the executor may have started it).
	 */
	private static final class ExecutorFuture<T extends @Nullable Object> extends FutureImpl<T> {
		final FutureTask<T> work;

		ExecutorFuture(EventLoopImpl loop, Callable<T> callable) {
			super(loop);
			this.work = new FutureTask<>(callable) {
				@Override
				protected void done() {
					if (isCancelled()) {
						return;
					}
					loop.post(() -> {
						if (ExecutorFuture.this.isDone()) {
							return; // cancelled meanwhile
						}
						try {
							ExecutorFuture.this.setResult(get());
						}
						catch (java.util.concurrent.ExecutionException e) {
							ExecutorFuture.this.setException(e.getCause());
						}
						catch (InterruptedException impossible) {
							ExecutorFuture.this.setException(impossible);
						}
					});
				}
			};
		}

		@Override
		public boolean cancel(@Nullable String message) {
			boolean cancelled = super.cancel(message);
			if (cancelled) {
				work.cancel(false); // as CPython: a running callable is not interrupted
			}
			return cancelled;
		}
	}
}
