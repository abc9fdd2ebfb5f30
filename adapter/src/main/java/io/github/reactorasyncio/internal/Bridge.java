package io.github.reactorasyncio.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.github.reactorasyncio.Awaitable;
import io.github.reactorasyncio.Coroutine;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.EventLoopGroup;
import io.github.reactorasyncio.Future;
import org.jspecify.annotations.Nullable;
import reactor.core.Fuseable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** The static side of {@code Async}: finding the running task and making it wait. */
public final class Bridge {

	private Bridge() {
	}

	/** @return the task whose step the calling thread is executing */
	public static TaskImpl<?> runningTask(String what) {
		EventLoopImpl loop = EventLoopImpl.current();
		TaskImpl<?> t = loop != null ? loop.currentTask() : null;
		if (t == null) {
			throw new IllegalStateException(what + " was called outside a coroutine (in thread "
					+ Thread.currentThread().getName() + "). It only works inside a coroutine body: start one with "
					+ "Async.run(...) or EventLoop.run(...) to block for its result, or Async.mono(...) to get a Mono.");
		}
		return t;
	}

	/** The running task returns a Publisher or CompletionStage on purpose: see {@code Async.unawaited}. */
	public static void returnsUnawaited(String what) {
		runningTask(what).returnsUnawaited = true;
	}

	@SuppressWarnings("unchecked")
	public static <T extends @Nullable Object> T await(Mono<T> mono) throws Exception {
		TaskImpl<?> task = runningTask("Async.await(Mono)");
		if (mono instanceof Fuseable.ScalarCallable<?> scalar) {
			return (T) scalar.call();
		}
		// before the subscription: Reactor's and the JDK's code it runs (a scheduler's queue, a lock) must not
		// overflow half way through, or that shared state stays broken for the whole JVM (see StackReserve)
		StackReserve.check(task.loop);
		MonoAwaiter<T> w = new MonoAwaiter<>(task);
		mono.subscribe(w);
		return task.await(w);
	}

	public static <T extends @Nullable Object> T await(Awaitable<T> awaitable) throws Exception {
		TaskImpl<?> task = runningTask("Async.await(Awaitable)");
		if (awaitable == task) {
			throw SelfAwait.error(task, "in Async.await()");
		}
		if (awaitable instanceof Future<T> f) {
			if (f.isDone()) {
				return f.result();
			}
			StackReserve.check(task.loop);
			FutureAwaiter<T> w = new FutureAwaiter<>(task, f);
			w.start();
			return task.await(w);
		}
		return await(awaitable.toMono());
	}

	@SuppressWarnings("unchecked")
	public static <T extends @Nullable Object> T await(CompletionStage<T> stage) throws Exception {
		TaskImpl<?> task = runningTask("Async.await(CompletionStage)");
		if (stage instanceof FutureView<?> view && view.future == task) {
			throw SelfAwait.error(task, "through its toCompletableFuture()");
		}
		if (stage instanceof CompletableFuture<T> cf && cf.isDone()) {
			switch (cf.state()) {
				case SUCCESS:
					return cf.resultNow();
				case FAILED:
					throw Sneaky.rethrow(java.util.Objects.requireNonNull(StageAwaiter.unwrap(cf.exceptionNow())));
				default:
					break;
			}
		}
		StackReserve.check(task.loop);
		StageAwaiter<T> w = new StageAwaiter<>(task, stage);
		w.start();
		return task.await(w);
	}

	public static void sleep(Duration delay) {
		TaskImpl<?> task = runningTask("Async.sleep()");
		if (delay.isZero() || delay.isNegative()) {
			task.yieldNow();
			return;
		}
		StackReserve.check(task.loop);
		try {
			task.await(new SleepAwaiter(task, delay));
		}
		catch (Exception e) {
			throw Sneaky.rethrow(e);
		}
	}

	public static void yieldNow() {
		runningTask("Async.yieldNow()").yieldNow();
	}

	// ------------------------------------------------------------------ Async.mono

	/** A cold Mono: each subscription runs the coroutine as a new task; cancelling it cancels the task. */
	public static <T extends @Nullable Object> Mono<T> mono(@Nullable EventLoop explicit, Coroutine<T> coroutine) {
		return Mono.create(sink -> {
			EventLoopImpl loop = (EventLoopImpl) (explicit != null ? explicit : loopForMono());
			TaskImpl<T> task = loop.newTask(coroutine, null, sink.contextView());
			SinkCallback<T> cb = new SinkCallback<>(sink);
			task.addDoneCallback(cb);
			sink.onCancel(() -> {
				cb.cancel();
				task.cancel();
			});
			loop.awaitIdle();
		});
	}

	private static volatile @Nullable EventLoopImpl defaultLoop;
	private static volatile @Nullable EventLoopGroup defaultGroup;

	public static @Nullable EventLoopGroup defaultGroup() {
		return defaultGroup;
	}

	public static synchronized @Nullable EventLoopGroup setDefaultGroup(@Nullable EventLoopGroup group) {
		EventLoopGroup previous = defaultGroup;
		defaultGroup = group;
		return previous;
	}

	public static synchronized boolean compareAndSetDefaultGroup(@Nullable EventLoopGroup expected,
			@Nullable EventLoopGroup group) {
		if (defaultGroup != expected) {
			return false;
		}
		defaultGroup = group;
		return true;
	}
	private static volatile @Nullable EventLoopImpl virtualLoop;
	private static final @Nullable MethodHandle VTS_ENABLED = lookupVirtualTime("isFactoryEnabled",
			MethodType.methodType(boolean.class));
	private static final @Nullable MethodHandle VTS_GET = VTS_ENABLED == null ? null
			: lookupVirtualTime("get", MethodType.methodType(classOrNull()));

	/**
	 * The loop of {@code Async.mono(coroutine)}: the caller's loop inside a coroutine; under reactor-test's
	 * virtual time (as {@code StepVerifier.withVirtualTime} installs it), a loop on that clock; else the next
	 * loop of the default group, if one is set; else one shared, process-wide loop.
	 */
	public static EventLoop loopForMono() {
		EventLoopImpl current = EventLoopImpl.current();
		if (current != null) {
			return current;
		}
		Scheduler vts = virtualTimeScheduler();
		if (vts != null) {
			return virtualLoop(vts);
		}
		EventLoopGroup group = defaultGroup;
		if (group != null) {
			return group.next();
		}
		EventLoopImpl d = defaultLoop;
		if (d == null) {
			synchronized (Bridge.class) {
				d = defaultLoop;
				if (d == null || d.isClosed()) {
					defaultLoop = d = new EventLoopImpl(null);
				}
			}
		}
		return d;
	}

	private static synchronized EventLoop virtualLoop(Scheduler vts) {
		EventLoopImpl v = virtualLoop;
		if (v != null && v.clock() == vts && !v.isClosed()) {
			return v;
		}
		if (v != null) {
			v.close();
		}
		virtualLoop = v = new EventLoopImpl(vts);
		return v;
	}

	private static @Nullable Scheduler virtualTimeScheduler() {
		if (VTS_ENABLED == null || VTS_GET == null) {
			return null;
		}
		try {
			if ((boolean) VTS_ENABLED.invoke()) {
				return (Scheduler) VTS_GET.invoke();
			}
			return null;
		}
		catch (Throwable e) {
			return null;
		}
	}

	private static Class<?> classOrNull() {
		try {
			return Class.forName("reactor.test.scheduler.VirtualTimeScheduler");
		}
		catch (ClassNotFoundException e) {
			return Object.class;
		}
	}

	private static @Nullable MethodHandle lookupVirtualTime(String name, MethodType type) {
		try {
			Class<?> c = Class.forName("reactor.test.scheduler.VirtualTimeScheduler");
			return MethodHandles.publicLookup().findStatic(c, name, type);
		}
		catch (ReflectiveOperationException | LinkageError e) {
			return null;
		}
	}
}
