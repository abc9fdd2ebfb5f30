package io.github.reactorasyncio;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import com.google.errorprone.annotations.CheckReturnValue;
import io.github.reactorasyncio.internal.AsCompleted;
import io.github.reactorasyncio.internal.Bridge;
import io.github.reactorasyncio.internal.EventLoopImpl;
import io.github.reactorasyncio.internal.Gather;
import io.github.reactorasyncio.internal.Shield;
import io.github.reactorasyncio.internal.Sneaky;
import io.github.reactorasyncio.internal.TaskImpl;
import io.github.reactorasyncio.internal.ToThread;
import io.github.reactorasyncio.internal.Wait;
import io.github.reactorasyncio.internal.WaitFor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The static entry points: Python's {@code asyncio} module functions.
 *
 * {@snippet file="JavadocSnippets.java" region="Async"}
 *
 * <p>The {@code await}, {@code sleep}, {@code yieldNow} and {@code createTask} methods work only inside a
 * coroutine; elsewhere they throw {@link IllegalStateException} rather than block.
 */
public final class Async {

	private Async() {
	}

	/**
	 * Runs the coroutine on a fresh {@link EventLoop}, blocks until it is done, then closes the loop
	 * (cancelling any task it left behind): Python's {@code asyncio.run}. If a {@link #setDefaultGroup default
	 * group} is set (a Spring Boot application sets one), it runs on that group's next loop instead, which stays
	 * open.
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
		EventLoopGroup group = Bridge.defaultGroup();
		if (group != null) {
			return group.run(coroutine);
		}
		try (EventLoop loop = EventLoop.create()) {
			return loop.run(coroutine);
		}
	}

	/**
	 * Makes the group the process-wide default: from now on, {@link #run(Coroutine)} runs on its next loop
	 * (blocking the caller, and leaving the loop open) instead of a fresh loop, and {@link #mono(Coroutine)} and
	 * {@link #flux(AsyncGenerator)} called outside a coroutine and outside virtual time spread their
	 * subscriptions over its loops instead of using the library's shared default loop. The Spring Boot
	 * auto-configuration sets its group here and restores the previous one when the application context closes;
	 * closing a group that is the default also clears it.
	 *
	 * @param group the new default, or {@code null} to go back to a fresh loop per {@code run} and one shared
	 *        loop for {@code mono}
	 * @return the previous default, or {@code null}
	 * @throws IllegalStateException if the group is closed
	 */
	public static @Nullable EventLoopGroup setDefaultGroup(@Nullable EventLoopGroup group) {
		if (group != null && group.isClosed()) {
			throw new IllegalStateException("Cannot make a closed EventLoopGroup the default: " + group);
		}
		return Bridge.setDefaultGroup(group);
	}

	/**
	 * The group set by {@link #setDefaultGroup}, if any.
	 *
	 * @return the default group, or {@code null}
	 */
	public static @Nullable EventLoopGroup defaultGroup() {
		return Bridge.defaultGroup();
	}

	/** Called by {@link EventLoopGroup#close()}: a closed group must not stay the default. */
	static void clearDefaultGroup(EventLoopGroup group) {
		Bridge.compareAndSetDefaultGroup(group, null);
	}

	/**
	 * Waits for the Mono without blocking the loop: the coroutine is suspended and other tasks run until
	 * the Mono signals, then it resumes on the loop. The Mono is subscribed on the calling thread with the
	 * task's Reactor {@code Context} and requested unbounded. A Mono that is already complete
	 * ({@code Mono.just}, {@code Mono.empty}, or one that signals during {@code subscribe}) returns at once
	 * with no switch.
	 *
	 * <p>If the task is cancelled meanwhile, this throws {@link CancelledError} and cancels the
	 * subscription; a value that arrives later is discarded.
	 *
	 * <p>An await too deep in a recursion to hand the loop on throws {@link StackOverflowError} into the task, and
	 * the loop and its other tasks go on; this holds for every {@code await}, {@code sleep} and {@code yieldNow}.
	 *
	 * @param mono what to wait for
	 * @param <T> its value type
	 * @return the value, or {@code null} for an empty Mono (as {@code Mono.block()})
	 * @throws IllegalStateException outside a coroutine, or for the {@code toMono()} of the calling task itself
	 *         (Python's "Task cannot await on itself"; also through operators that subscribe at once, such as
	 *         {@code map} or {@code timeout}, but not through a deferred subscription)
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
	 * @throws IllegalStateException outside a coroutine, or when the awaitable is the calling task itself
	 *         (Python's "Task cannot await on itself")
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
	 * @throws IllegalStateException outside a coroutine, or for the {@code toCompletableFuture()} of the calling
	 *         task itself (Python's "Task cannot await on itself"; not for a stage derived from it)
	 * @throws Exception its exception, the same instance
	 */
	public static <T extends @Nullable Object> T await(CompletionStage<T> stage) throws Exception {
		Objects.requireNonNull(stage, "stage");
		return Bridge.await(stage);
	}

	/**
	 * A cold Mono of the coroutine: each subscription starts one task on the loop (the current loop inside
	 * a coroutine; a loop on virtual time under {@code StepVerifier.withVirtualTime}; else the next loop of the
	 * {@link #setDefaultGroup default group}, if one is set; else a shared default loop). It signals on the loop.
	 * Disposing the subscription cancels the task. The coroutine sees the
	 * subscriber's {@code Context} through {@link #context()}.
	 *
	 * @param coroutine the body
	 * @param <T> its result type
	 * @return a Mono of its result; empty for {@code null}
	 */
	@CheckReturnValue
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
	@CheckReturnValue
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
	 * As {@link #createTask(Coroutine)}, running in the given {@link ContextVar} context instead of a copy of
	 * the current one: Python's {@code asyncio.create_task(coro, context=ctx)}. The task reads and writes
	 * {@code context} itself, so its sets show there afterwards, and tasks given the same context share it.
	 *
	 * @param coroutine the body
	 * @param context from {@link VarContext#copyContext()}
	 * @param <T> its result type
	 * @return the task
	 * @throws IllegalStateException outside a coroutine or loop callback
	 */
	public static <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine, VarContext context) {
		Objects.requireNonNull(coroutine, "coroutine");
		Objects.requireNonNull(context, "context");
		return currentLoop().createTask(coroutine, context);
	}

	/**
	 * Suspends the coroutine for the delay on the loop's clock (virtual time included). Zero or negative
	 * is {@link #yieldNow()}. Cancellation makes it throw {@link CancelledError}.
	 *
	 * @param delay how long
	 * @throws IllegalStateException outside a coroutine
	 */
	public static void sleep(Duration delay) {
		Objects.requireNonNull(delay, "delay");
		Bridge.sleep(delay);
	}

	/**
	 * As {@link #sleep(Duration)}, then returns {@code result}: Python's {@code asyncio.sleep(delay, result)}.
	 *
	 * @param delay how long
	 * @param result what to return after the delay, possibly {@code null}
	 * @param <T> its type
	 * @return {@code result}, the same instance
	 * @throws IllegalStateException outside a coroutine
	 */
	public static <T extends @Nullable Object> T sleep(Duration delay, T result) {
		sleep(delay);
		return result;
	}

	/**
	 * Says that the running coroutine means to return {@code value} without awaiting it, and returns it
	 * unchanged: {@code return Async.unawaited(mono);}.
	 *
	 * <p>A coroutine body that returns a {@code Publisher} (a {@code Mono}, a {@code Flux}), or a
	 * {@code CompletionStage} that is not done, has most likely forgotten an {@link #await(Mono) await}: the
	 * {@code Mono} is never subscribed, so its work never runs. Whether a {@code Publisher} was subscribed
	 * cannot be known, so every one is reported: through the loop's exception handler, naming the task and
	 * asking "did you mean {@code Async.await(...)}?", and in {@linkplain EventLoop#setDebug debug mode} the task
	 * fails with an {@code IllegalStateException} saying the same (Python only warns that a coroutine "was
	 * never awaited"). A done {@code CompletableFuture} is not reported. This call silences the report for the
	 * calling task, e.g. for a {@code Task<Flux<T>>} meant to hand a stream to its awaiter.
	 *
	 * @param value what the coroutine will return
	 * @param <T> its type
	 * @return {@code value}
	 * @throws IllegalStateException outside a coroutine
	 */
	public static <T extends @Nullable Object> T unawaited(T value) {
		Bridge.returnsUnawaited("Async.unawaited()");
		return value;
	}

	/**
	 * Lets every task and callback that is ready now run before this coroutine goes on: Python's
	 * {@code await asyncio.sleep(0)}.
	 *
	 * @throws CancelledError if the task was cancelled meanwhile
	 * @throws IllegalStateException outside a coroutine
	 */
	public static void yieldNow() {
		Bridge.yieldNow();
	}

	/** {@return the task whose coroutine is calling, or {@code null} outside a coroutine} */
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

	/** {@return whether the caller is a coroutine, so that {@code await} is allowed} */
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

	// ------------------------------------------------------------------ async iteration: Python's async
	// generators (flux) and async for (iterate)

	/**
	 * A cold Flux whose elements a coroutine emits: Python's async generator. Each subscription starts the
	 * body as one task on the loop chosen as for {@link #mono(Coroutine)} (the current loop inside a
	 * coroutine; a virtual-time loop under {@code StepVerifier.withVirtualTime}; else the next loop of the
	 * {@link #setDefaultGroup default group}; else the shared default loop), with the subscriber's Reactor
	 * context. Every signal happens on that loop.
	 *
	 * <p>Backpressure: {@link FluxEmitter#emit} suspends the coroutine until the subscriber has requested
	 * the element, so nothing is buffered. Cancelling the subscription cancels the task: the pending
	 * {@code emit} or await throws {@link CancelledError}, which the body may catch to clean up. The body
	 * returning completes the Flux; the body throwing signals {@code onError} with the same instance.
	 *
	 * @param body the generator body
	 * @param <T> the element type
	 * @return a cold Flux of what the body emits
	 */
	@CheckReturnValue
	public static <T> reactor.core.publisher.Flux<T> flux(AsyncGenerator<T> body) {
		Objects.requireNonNull(body, "body");
		return new io.github.reactorasyncio.internal.CoroutineFlux<>(null, body);
	}

	/**
	 * As {@link #flux(AsyncGenerator)}, on the given loop.
	 *
	 * @param loop where each subscription's task runs and signals
	 * @param body the generator body
	 * @param <T> the element type
	 * @return a cold Flux of what the body emits
	 */
	@CheckReturnValue
	public static <T> reactor.core.publisher.Flux<T> flux(EventLoop loop, AsyncGenerator<T> body) {
		Objects.requireNonNull(loop, "loop");
		Objects.requireNonNull(body, "body");
		return new io.github.reactorasyncio.internal.CoroutineFlux<>(loop, body);
	}

	/**
	 * Subscribes to the publisher now, with the current task's Reactor context, and returns an iterator
	 * whose {@code hasNext()} suspends the coroutine until an element arrives: Python's {@code async for}.
	 * The publisher may signal on any thread; the iterator is used on this loop. It requests 32 elements,
	 * then 24 more each time 24 were taken. Closing it (try-with-resources) or cancelling the task while it
	 * waits cancels the subscription.
	 *
	 * @param publisher what to iterate, e.g. a {@code Flux}
	 * @param <T> the element type
	 * @return the iterator; close it
	 * @throws IllegalStateException outside a coroutine
	 */
	public static <T> AsyncIterator<T> iterate(org.reactivestreams.Publisher<T> publisher) {
		Objects.requireNonNull(publisher, "publisher");
		return io.github.reactorasyncio.internal.PublisherIterator.subscribe(publisher);
	}

	// ------------------------------------------------------------------ the asyncio toolkit: combinators,
	// timeouts, threads (Python's gather, wait_for, wait, as_completed, shield, all_tasks, timeout, to_thread)

	/**
	 * Runs the awaitables concurrently and waits for all of them: Python's {@code asyncio.gather}. Futures and
	 * tasks are awaited as they are; any other {@link Awaitable} (e.g. {@code () -> mono}) is wrapped in a task.
	 * Suspends the calling coroutine; resumes on the loop.
	 *
	 * <p><b>Unlike {@code Mono.zip}</b>, which cancels the other sources when one fails, gather does <em>not</em>
	 * cancel the others when one fails: the first failure is thrown at once and the rest keep running (their
	 * later outcomes are retrieved and dropped), exactly as in Python. Use {@link TaskGroup} to cancel the
	 * siblings on failure, or {@link #gatherReturnExceptions(List)} to collect every outcome.
	 *
	 * <p>Cancelling the awaiting task cancels every child. A child that is cancelled makes gather throw
	 * {@link CancelledError}.
	 *
	 * @param awaitables what to run; the same awaitable twice runs once and appears twice in the results
	 * @param <T> the common result type
	 * @return the results in the order of the arguments (not of completion); an unmodifiable list that may
	 *         hold nulls
	 * @throws IllegalStateException outside a coroutine
	 * @throws IllegalArgumentException for a future of another loop
	 * @throws Exception the first failure of a child, the same instance
	 */
	@SafeVarargs
	@SuppressWarnings("varargs") // the array is only read, through a list view that does not escape
	public static <T extends @Nullable Object> List<T> gather(Awaitable<? extends T>... awaitables) throws Exception {
		Objects.requireNonNull(awaitables, "awaitables");
		return gather(Arrays.asList(awaitables));
	}

	/**
	 * As {@link #gather(Awaitable...)}, for Monos: Python's {@code gather(fetch(a), fetch(b))}. Each Mono is
	 * subscribed in a task of its own, so they all run at once. To mix Monos with tasks, or to gather a list
	 * of Monos, convert them with {@link Awaitable#of(Mono)}.
	 *
	 * @param monos what to run
	 * @param <T> the common value type
	 * @return the values in the order of the arguments; {@code null} for an empty Mono
	 * @throws Exception the first failure, the same instance
	 */
	@SafeVarargs
	@SuppressWarnings("varargs") // the array is only read
	public static <T extends @Nullable Object> List<T> gather(Mono<? extends T>... monos) throws Exception {
		Objects.requireNonNull(monos, "monos");
		List<Awaitable<? extends T>> awaitables = new java.util.ArrayList<>(monos.length);
		for (Mono<? extends T> mono : monos) {
			awaitables.add(Awaitable.of(Objects.requireNonNull(mono, "mono")));
		}
		return gather(awaitables);
	}

	/**
	 * As {@link #gather(Awaitable...)}, for a list. A list of Monos or {@code CompletionStage}s is converted
	 * with {@link Awaitable#of(Mono)}: {@code gather(monos.stream().map(Awaitable::of).toList())}.
	 *
	 * @param awaitables what to run
	 * @param <T> the common result type
	 * @return the results in the order of the list
	 * @throws Exception the first failure of a child, the same instance
	 */
	public static <T extends @Nullable Object> List<T> gather(List<? extends Awaitable<? extends T>> awaitables)
			throws Exception {
		Objects.requireNonNull(awaitables, "awaitables");
		return Gather.await(awaitables, false);
	}

	/**
	 * Python's {@code asyncio.gather(..., return_exceptions=True)}: waits for every awaitable and returns each
	 * one's result, or the exception it failed with (a {@link CancelledError} for a cancelled one), in
	 * argument order. Never throws for a child's failure. Cancelling the awaiting task cancels every child.
	 *
	 * @param awaitables what to run
	 * @return results and exceptions, in argument order
	 * @throws CancelledError if the awaiting task is cancelled
	 */
	public static List<@Nullable Object> gatherReturnExceptions(Awaitable<?>... awaitables) {
		Objects.requireNonNull(awaitables, "awaitables");
		return gatherReturnExceptions(Arrays.asList(awaitables));
	}

	/**
	 * As {@link #gatherReturnExceptions(Awaitable...)}, for a list.
	 *
	 * @param awaitables what to run
	 * @return results and exceptions, in list order
	 * @throws CancelledError if the awaiting task is cancelled
	 */
	public static List<@Nullable Object> gatherReturnExceptions(List<? extends Awaitable<?>> awaitables) {
		Objects.requireNonNull(awaitables, "awaitables");
		try {
			return Gather.<@Nullable Object>await(awaitables, true);
		}
		catch (Exception e) {
			throw Sneaky.rethrow(e); // unreachable: outcomes go into the list, and a cancel is an Error
		}
	}

	/**
	 * Waits for the awaitable for at most {@code timeout}: Python 3.12's {@code asyncio.wait_for}, which is
	 * {@link #timeout(Duration, Coroutine) timeout}{@code (t, () -> await(awaitable))}. On timeout the
	 * awaitable is cancelled (a future or task: and waited for until it has finished cancelling; a Mono-backed
	 * awaitable: unsubscribed) and {@link TimeoutException} is thrown. A zero or negative timeout cancels a
	 * pending awaitable at once. Cancelling the awaiting task cancels the awaitable too.
	 *
	 * <p>Like {@code Mono.timeout} without a fallback, but it stops the awaitable before it throws, and the
	 * task's cancel count keeps an outside cancel from being mistaken for the timeout.
	 *
	 * @param awaitable what to wait for
	 * @param timeout the limit, or {@code null} for none
	 * @param <T> its result type
	 * @return its result
	 * @throws TimeoutException when the limit passed first
	 * @throws IllegalStateException outside a coroutine
	 * @throws Exception its exception, the same instance
	 */
	public static <T extends @Nullable Object> T waitFor(Awaitable<T> awaitable, @Nullable Duration timeout)
			throws Exception {
		Objects.requireNonNull(awaitable, "awaitable");
		return WaitFor.await(awaitable, timeout);
	}

	/**
	 * As {@link #waitFor(Awaitable, Duration)}, for a Mono: on timeout its subscription is cancelled.
	 *
	 * @param mono what to wait for
	 * @param timeout the limit, or {@code null} for none
	 * @param <T> its value type
	 * @return its value, or {@code null} for an empty Mono
	 * @throws TimeoutException when the limit passed first
	 * @throws Exception the Mono's error, the same instance
	 */
	public static <T extends @Nullable Object> T waitFor(Mono<T> mono, @Nullable Duration timeout) throws Exception {
		Objects.requireNonNull(mono, "mono");
		return timeout(timeout, () -> Bridge.await(mono));
	}

	/**
	 * Waits until some or all of the futures are done, or the timeout passes: Python's {@code asyncio.wait}
	 * (named {@code waitFutures} because {@code Object.wait} hides a static {@code wait} in every class, so it
	 * could not be static-imported). Nothing is cancelled, not even on timeout, and their outcomes are left for the caller to retrieve.
	 * Suspends the calling coroutine; cancelling it stops the wait only.
	 *
	 * <p>Unlike {@code Mono.firstWithSignal}/{@code firstWithValue}, which cancel the losers,
	 * {@code waitFutures(..., FIRST_COMPLETED)} leaves the others running: cancel the pending ones yourself if you
	 * no longer need them.
	 *
	 * <p>As in Python 3.11+, it takes futures only, because what it returns is compared with what was given:
	 * to wait for a {@code Mono} or {@code CompletionStage}, start it as a task first
	 * ({@code Async.createTask(() -> Async.await(mono))}) and keep that task.
	 *
	 * @param futures futures or tasks of the current loop, at least one (duplicates count once)
	 * @param timeout the limit, or {@code null} for none
	 * @param returnWhen when to return
	 * @param <T> their result type
	 * @return which were done when the wait returned, and which were still pending
	 * @throws IllegalArgumentException for an empty collection or a future of another loop
	 * @throws IllegalStateException outside a coroutine
	 * @throws CancelledError if the awaiting task is cancelled
	 */
	public static <T extends @Nullable Object> DoneAndPending<T> waitFutures(Collection<? extends Future<T>> futures,
			@Nullable Duration timeout, ReturnWhen returnWhen) {
		Objects.requireNonNull(futures, "futures");
		Objects.requireNonNull(returnWhen, "returnWhen");
		try {
			return Wait.await(futures, timeout, returnWhen);
		}
		catch (Exception e) {
			throw Sneaky.rethrow(e); // unreachable: wait never takes an outcome, and a cancel is an Error
		}
	}

	/**
	 * As {@link #waitFutures(Collection, Duration, ReturnWhen)} with no timeout and {@link ReturnWhen#ALL_COMPLETED}.
	 *
	 * @param futures futures or tasks of the current loop, at least one
	 * @param <T> their result type
	 * @return all of them as done, none pending
	 * @throws CancelledError if the awaiting task is cancelled
	 */
	public static <T extends @Nullable Object> DoneAndPending<T> waitFutures(Collection<? extends Future<T>> futures) {
		return waitFutures(futures, null, ReturnWhen.ALL_COMPLETED);
	}

	/**
	 * Results in completion order: Python 3.12's {@code asyncio.as_completed}. Monos and
	 * {@code CompletionStage}s go in through {@link Awaitable#of(Mono)}:
	 * {@code asCompleted(monos.stream().map(Awaitable::of).toList())}. Returns one awaitable per
	 * distinct argument; awaiting any of them gives the outcome (result or exception) of the next one to
	 * complete that has not been taken yet, so await them in order:
	 * {@snippet file="JavadocSnippets.java" region="asCompleted"}
	 * Non-future awaitables are wrapped in tasks. Awaiting one of the returned awaitables suspends the caller
	 * until an outcome is there and resumes it on the loop; cancelling it cancels nothing but that wait (the
	 * outcome it would have taken stays for the next one).
	 *
	 * <p>Like {@code Flux.merge} of the sources, but a failure is delivered in its turn instead of ending
	 * the sequence, and stopping early (or a timeout) cancels nothing: cancel the rest yourself.
	 *
	 * @param awaitables what to run
	 * @param <T> the common result type
	 * @return as many awaitables as distinct arguments
	 * @throws IllegalStateException outside a coroutine or loop callback
	 */
	public static <T extends @Nullable Object> List<Awaitable<T>> asCompleted(
			Collection<? extends Awaitable<? extends T>> awaitables) {
		return asCompleted(awaitables, null);
	}

	/**
	 * As {@link #asCompleted(Collection)}, with a timeout counted from this call: once it passes, every
	 * awaitable not yet satisfied throws {@link TimeoutException}. Nothing is cancelled.
	 *
	 * @param awaitables what to run
	 * @param timeout the limit, or {@code null} for none
	 * @param <T> the common result type
	 * @return as many awaitables as distinct arguments
	 */
	public static <T extends @Nullable Object> List<Awaitable<T>> asCompleted(
			Collection<? extends Awaitable<? extends T>> awaitables, @Nullable Duration timeout) {
		Objects.requireNonNull(awaitables, "awaitables");
		return AsCompleted.start(awaitables, timeout);
	}

	/**
	 * Protects an awaitable from cancellation: Python's {@code asyncio.shield}. Returns an outer future that
	 * mirrors it; awaiting the outer one and being cancelled cancels only the outer one, while the inner one
	 * keeps running (its outcome is then retrieved and dropped). A done future is returned as is. Note that
	 * the awaiting task still gets {@link CancelledError}; a shield only stops it reaching the inner one.
	 *
	 * @param awaitable a future or task, or another awaitable (wrapped in a task: call this in a coroutine)
	 * @param <T> its result type
	 * @return the outer future, on the inner one's loop; completed on that loop
	 */
	public static <T extends @Nullable Object> Future<T> shield(Awaitable<T> awaitable) {
		Objects.requireNonNull(awaitable, "awaitable");
		return Shield.of(awaitable);
	}

	/**
	 * The tasks of the current loop that are not done: Python's {@code asyncio.all_tasks}. A snapshot, in
	 * creation order, including the calling task.
	 *
	 * @return an unmodifiable snapshot
	 * @throws IllegalStateException outside a coroutine or loop callback
	 */
	public static Set<Task<?>> allTasks() {
		EventLoopImpl loop = (EventLoopImpl) currentLoop();
		Set<Task<?>> all = new LinkedHashSet<>();
		for (Task<?> t : loop.allTasks()) {
			if (!t.isDone()) {
				all.add(t);
			}
		}
		return Collections.unmodifiableSet(all);
	}

	/**
	 * Runs the body in the current task (no new task) with a deadline {@code delay} from now: Python's
	 * {@code async with asyncio.timeout(delay)}. At the deadline the task is cancelled; the
	 * {@link CancelledError} from the await it was in becomes {@link TimeoutException} as it leaves the
	 * body. An outside cancel is never turned into a timeout, and nested timeouts compose (cancel counting).
	 * Inside {@link #mono(Coroutine)} the {@code TimeoutException} reaches the subscriber; on a virtual-time
	 * loop the deadline follows virtual time. See {@link Timeout} for the object form ({@code reschedule},
	 * {@code expired}).
	 *
	 * <p>Unlike {@code Mono.timeout}, nothing is resubscribed and no fallback runs: the straight-line code is
	 * interrupted at its await.
	 *
	 * @param delay the time the body may take, or {@code null} for none
	 * @param body the block
	 * @param <T> its result type
	 * @return what the body returned
	 * @throws TimeoutException when the deadline passed first
	 * @throws CancelledError when the task was cancelled from outside
	 * @throws IllegalStateException outside a coroutine
	 * @throws Exception what the body threw, the same instance
	 */
	public static <T extends @Nullable Object> T timeout(@Nullable Duration delay, Coroutine<T> body)
			throws Exception {
		Objects.requireNonNull(body, "body");
		return Timeout.after(delay).run(body);
	}

	/**
	 * As {@link #timeout(Duration, Coroutine)}, with the deadline as a point of the loop's clock
	 * ({@link EventLoop#time()}): Python's {@code asyncio.timeout_at}.
	 *
	 * @param loopDeadlineNanos the deadline in loop nanoseconds
	 * @param body the block
	 * @param <T> its result type
	 * @return what the body returned
	 * @throws TimeoutException when the deadline passed first
	 * @throws Exception what the body threw, the same instance
	 */
	public static <T extends @Nullable Object> T timeoutAt(long loopDeadlineNanos, Coroutine<T> body)
			throws Exception {
		Objects.requireNonNull(body, "body");
		return Timeout.at(loopDeadlineNanos).run(body);
	}

	/**
	 * Runs blocking code off the loop and awaits it: Python's {@code asyncio.to_thread}. The callable runs on
	 * Reactor's {@code Schedulers.boundedElastic()}, with a copy of the task's {@link ContextVar} values (and
	 * SLF4J MDC); the coroutine resumes on the loop. Cancelling the awaiting task makes this throw
	 * {@link CancelledError} at once and interrupts the elastic thread if the callable is still running
	 * (its eventual result is dropped).
	 *
	 * @param callable the blocking work
	 * @param <T> its result type
	 * @return its result
	 * @throws IllegalStateException outside a coroutine
	 * @throws Exception what the callable threw, the same instance
	 */
	public static <T extends @Nullable Object> T toThread(Callable<T> callable) throws Exception {
		Objects.requireNonNull(callable, "callable");
		return ToThread.await(null, callable);
	}

	/**
	 * As {@link #toThread(Callable)}, on an executor of the caller's choice (Python's
	 * {@code asyncio.to_thread} runs on the loop's default executor; this is the form to use for a pool of
	 * your own, e.g. one sized for a blocking driver). The callable runs with a copy of the task's
	 * {@link ContextVar} values (and MDC). Cancelling the awaiting task makes this throw
	 * {@link CancelledError} at once: a callable not yet started never starts, a running one is
	 * interrupted, and its eventual result is dropped. An executor that rejects the work makes this throw its
	 * {@code RejectedExecutionException}.
	 *
	 * @param executor where the callable runs
	 * @param callable the blocking work
	 * @param <T> its result type
	 * @return its result
	 * @throws IllegalStateException outside a coroutine
	 * @throws Exception what the callable threw, the same instance
	 */
	public static <T extends @Nullable Object> T toThread(java.util.concurrent.Executor executor, Callable<T> callable)
			throws Exception {
		Objects.requireNonNull(executor, "executor");
		Objects.requireNonNull(callable, "callable");
		return ToThread.await(executor, callable);
	}
}
