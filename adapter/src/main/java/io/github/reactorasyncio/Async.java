package io.github.reactorasyncio;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

import io.github.reactorasyncio.internal.Bridge;
import io.github.reactorasyncio.internal.EventLoopImpl;
import io.github.reactorasyncio.internal.TaskImpl;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The static entry points: Python's {@code asyncio} module functions.
 *
 * <pre>{@code
 * String body = Async.run(() -> {
 *     Task<String> a = Async.createTask(() -> Async.await(fetch("a")));
 *     String b = Async.await(fetch("b"));      // a runs while b is awaited
 *     return Async.await(a) + b;
 * });
 * }</pre>
 *
 * <p>The {@code await}, {@code sleep}, {@code yieldNow} and {@code createTask} methods work only inside a
 * coroutine; elsewhere they throw {@link IllegalStateException} rather than block.
 */
public final class Async {

	private Async() {
	}

	/**
	 * Runs the coroutine on a fresh {@link EventLoop}, blocks until it is done, then closes the loop
	 * (cancelling any task it left behind): Python's {@code asyncio.run}.
	 *
	 * @param coroutine the main coroutine
	 * @param <T> its result type
	 * @return its result
	 * @throws IllegalStateException when called from inside a coroutine or a Reactor non-blocking thread
	 * @throws Exception what the coroutine threw, the same instance
	 */
	public static <T extends @Nullable Object> T run(Coroutine<T> coroutine) throws Exception {
		Objects.requireNonNull(coroutine, "coroutine");
		if (EventLoopImpl.onAnyLoopThread()) {
			throw new IllegalStateException("Async.run() was called from inside a coroutine or callback of a running "
					+ "event loop, which it would block. Use Async.await(...) or Async.createTask(...) instead.");
		}
		try (EventLoop loop = EventLoop.create()) {
			return loop.run(coroutine);
		}
	}

	/**
	 * Waits for the Mono without blocking the loop: the coroutine is suspended and other tasks run until
	 * the Mono signals, then it resumes on the loop. The Mono is subscribed on the calling thread with the
	 * task's Reactor {@code Context} and requested unbounded. A Mono that is already complete
	 * ({@code Mono.just}, {@code Mono.empty}, or one that signals during {@code subscribe}) returns at once
	 * with no switch.
	 *
	 * <p>If the task is cancelled meanwhile, this throws {@link CancelledException} and cancels the
	 * subscription; a value that arrives later is discarded.
	 *
	 * @param mono what to wait for
	 * @param <T> its value type
	 * @return the value, or {@code null} for an empty Mono (as {@code Mono.block()})
	 * @throws IllegalStateException outside a coroutine
	 * @throws Exception the Mono's error, the same instance
	 */
	public static <T extends @Nullable Object> T await(Mono<T> mono) throws Exception {
		Objects.requireNonNull(mono, "mono");
		return Bridge.await(mono);
	}

	/**
	 * Waits for a {@link Future}, {@link Task} or other {@link Awaitable}. A done future returns at once.
	 * If the awaiting task is cancelled, the awaited future or task is cancelled too, as in Python.
	 *
	 * @param awaitable what to wait for
	 * @param <T> its value type
	 * @return its result
	 * @throws IllegalStateException outside a coroutine
	 * @throws Exception its exception, the same instance
	 */
	public static <T extends @Nullable Object> T await(Awaitable<T> awaitable) throws Exception {
		Objects.requireNonNull(awaitable, "awaitable");
		return Bridge.await(awaitable);
	}

	/**
	 * Waits for a {@code CompletionStage} (e.g. a {@code CompletableFuture}); a completed one returns at once.
	 * A {@code CompletionException} is unwrapped to its cause; if the awaiting task is cancelled, the
	 * {@code CompletableFuture} is cancelled.
	 *
	 * @param stage what to wait for
	 * @param <T> its value type
	 * @return its value
	 * @throws IllegalStateException outside a coroutine
	 * @throws Exception its exception, the same instance
	 */
	public static <T extends @Nullable Object> T await(CompletionStage<T> stage) throws Exception {
		Objects.requireNonNull(stage, "stage");
		return Bridge.await(stage);
	}

	/**
	 * A cold Mono of the coroutine: each subscription starts one task on the loop (the current loop inside
	 * a coroutine; a loop on virtual time under {@code StepVerifier.withVirtualTime}; else a shared default
	 * loop). It signals on the loop. Disposing the subscription cancels the task. The coroutine sees the
	 * subscriber's {@code Context} through {@link #context()}.
	 *
	 * @param coroutine the body
	 * @param <T> its result type
	 * @return a Mono of its result; empty for {@code null}
	 */
	public static <T extends @Nullable Object> Mono<T> mono(Coroutine<T> coroutine) {
		Objects.requireNonNull(coroutine, "coroutine");
		return Bridge.mono(null, coroutine);
	}

	/**
	 * As {@link #mono(Coroutine)}, on the given loop.
	 *
	 * @param loop where the task runs
	 * @param coroutine the body
	 * @param <T> its result type
	 * @return a cold Mono of its result
	 */
	public static <T extends @Nullable Object> Mono<T> mono(EventLoop loop, Coroutine<T> coroutine) {
		Objects.requireNonNull(loop, "loop");
		Objects.requireNonNull(coroutine, "coroutine");
		return Bridge.mono(loop, coroutine);
	}

	/**
	 * Starts the coroutine as a task on the current loop, after the work already ready: Python's
	 * {@code asyncio.create_task}. The child inherits the Reactor context of the current task.
	 *
	 * @param coroutine the body
	 * @param <T> its result type
	 * @return the task
	 * @throws IllegalStateException outside a coroutine or loop callback
	 */
	public static <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine) {
		Objects.requireNonNull(coroutine, "coroutine");
		return currentLoop().createTask(coroutine);
	}

	/**
	 * As {@link #createTask(Coroutine)}, with a name.
	 *
	 * @param coroutine the body
	 * @param name the task's name
	 * @param <T> its result type
	 * @return the task
	 */
	public static <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine, String name) {
		Objects.requireNonNull(coroutine, "coroutine");
		Objects.requireNonNull(name, "name");
		return currentLoop().createTask(coroutine, name);
	}

	/**
	 * Suspends the coroutine for the delay on the loop's clock (virtual time included). Zero or negative
	 * is {@link #yieldNow()}. Cancellation makes it throw {@link CancelledException}.
	 *
	 * @param delay how long
	 * @throws IllegalStateException outside a coroutine
	 */
	public static void sleep(Duration delay) {
		Objects.requireNonNull(delay, "delay");
		Bridge.sleep(delay);
	}

	/**
	 * Lets every task and callback that is ready now run before this coroutine goes on: Python's
	 * {@code await asyncio.sleep(0)}.
	 *
	 * @throws CancelledException if the task was cancelled meanwhile
	 * @throws IllegalStateException outside a coroutine
	 */
	public static void yieldNow() {
		Bridge.yieldNow();
	}

	/** @return the task whose coroutine is calling, or {@code null} outside a coroutine */
	public static @Nullable Task<?> currentTask() {
		EventLoopImpl loop = EventLoopImpl.current();
		return loop != null ? loop.currentTask() : null;
	}

	/**
	 * The loop the caller runs on: Python's {@code asyncio.get_running_loop}.
	 *
	 * @return the loop of the calling coroutine or callback
	 * @throws IllegalStateException when not called from a coroutine or loop callback
	 */
	public static EventLoop currentLoop() {
		EventLoopImpl loop = EventLoopImpl.current();
		if (loop == null) {
			throw new IllegalStateException("No event loop is running in thread " + Thread.currentThread().getName()
					+ ". Call this from a coroutine (Async.run, EventLoop.run, Async.mono) or a loop callback.");
		}
		return loop;
	}

	/** @return whether the caller is a coroutine, so that {@code await} is allowed */
	public static boolean inCoroutine() {
		return currentTask() != null;
	}

	/**
	 * The Reactor context of the current task: the subscriber's, for a coroutine started by
	 * {@link #mono(Coroutine)}, inherited by the tasks it creates.
	 *
	 * @return the context view
	 * @throws IllegalStateException outside a coroutine
	 */
	public static ContextView context() {
		TaskImpl<?> t = Bridge.runningTask("Async.context()");
		return t.context;
	}
}
