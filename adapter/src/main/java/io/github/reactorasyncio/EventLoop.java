package io.github.reactorasyncio;

import java.time.Duration;
import java.util.function.Consumer;

import io.github.reactorasyncio.internal.EventLoopApi;
import io.github.reactorasyncio.internal.EventLoopImpl;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * A single-threaded event loop: Python's asyncio event loop, and a Reactor {@link Scheduler}.
 *
 * <p>The loop runs at most one thing at a time: a callback or one step of a coroutine. Steps are totally
 * ordered and each happens-before the next, so code on one loop needs no locks. Ready work runs FIFO,
 * timers in deadline order (ties FIFO). Coroutines run on virtual threads and the loop is a baton
 * passed between them, so the loop is not one OS thread, but nothing running on it can tell.
 *
 * <p>Unlike a Python loop, which runs only inside {@code run_forever}/{@code run_until_complete}, this
 * loop processes work from {@link #create()} until {@link #close()}, because a Reactor {@code Scheduler}
 * must accept work at any time. {@link #run(Coroutine)} and {@link #runForever()} only block the calling
 * thread.
 *
 * <p>{@link #callSoon}, {@link #callLater}, {@link #callAt}, {@link #createTask}, {@link #stop()} and the
 * {@code Scheduler} methods are thread-safe. Every use of a closed loop throws
 * {@link IllegalStateException}.
 *
 * <p>Not for implementation: the interface is sealed, and the library's own loop, from {@link #create()} and
 * the other factories, is the only one.
 */
public sealed interface EventLoop extends Scheduler, AutoCloseable permits EventLoopApi {

	/**
	 * A new loop on the system clock, ready for work.
	 *
	 * @return the loop; close it when done
	 */
	static EventLoop create() {
		return new EventLoopImpl(null);
	}

	/**
	 * A new loop whose {@link #time()}, timers and sleeps follow the clock of the given scheduler, such as
	 * Reactor's {@code VirtualTimeScheduler}: timers fire when that scheduler's time passes their deadline,
	 * and no real time is waited for. {@link Async#mono(Coroutine)} makes such a loop by itself under
	 * {@code StepVerifier.withVirtualTime}.
	 *
	 * @param clock the scheduler whose {@code now} and delayed {@code schedule} drive the loop's timers
	 * @return the loop; close it when done
	 */
	static EventLoop create(Scheduler clock) {
		java.util.Objects.requireNonNull(clock, "clock");
		return new EventLoopImpl(clock);
	}

	/**
	 * A new loop whose virtual threads all run on one platform carrier thread of their own, so that
	 * switching from one coroutine to the next never involves a second core: the fastest mode for
	 * switch-heavy code. Everything else is as for {@link #create()}.
	 *
	 * <p>The JDK has no public API for this yet; it needs the JVM option
	 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}.
	 *
	 * @return the loop; close it when done (that also ends its carrier thread)
	 * @throws UnsupportedOperationException without that JVM option, naming it
	 */
	static EventLoop createOnOneCarrier() {
		return new EventLoopImpl(null, true);
	}

	/**
	 * Runs the coroutine as a task on this loop and blocks the calling thread until it is done:
	 * Python's {@code loop.run_until_complete}. If the calling thread is interrupted, the task is cancelled
	 * and {@link InterruptedException} is thrown.
	 *
	 * @param coroutine the body
	 * @param <T> its result type
	 * @return the result
	 * @throws IllegalStateException when called from a coroutine or a Reactor non-blocking thread, or on a
	 *         closed loop
	 * @throws Exception what the coroutine threw, the same instance
	 */
	<T extends @Nullable Object> T run(Coroutine<T> coroutine) throws Exception;

	/**
	 * Blocks the calling thread until the future, task or other awaitable is done, and returns its result:
	 * Python's {@code loop.run_until_complete(future)}. Same rules as {@link #run(Coroutine)}.
	 *
	 * @param awaitable what to wait for; a {@link Task} of this loop keeps running meanwhile
	 * @param <T> its result type
	 * @return its result
	 * @throws Exception its exception, the same instance
	 */
	default <T extends @Nullable Object> T runUntilComplete(Awaitable<T> awaitable) throws Exception {
		java.util.Objects.requireNonNull(awaitable, "awaitable");
		return run(() -> Async.await(awaitable));
	}

	/**
	 * Blocks the calling thread until {@link #stop()} or {@link #close()}: the loop keeps running
	 * callbacks and tasks meanwhile, as it always does. After a {@code stop()} that no {@code runForever()}
	 * was waiting for, it returns as soon as the callbacks and task steps ready when it was called have run,
	 * and uses that stop up: Python's {@code loop.stop(); loop.run_forever()}, which runs one iteration.
	 *
	 * @throws InterruptedException if the calling thread is interrupted
	 */
	void runForever() throws InterruptedException;

	/**
	 * Makes every {@link #runForever()} waiting now return; if none waits, the next one returns after one
	 * round (as asyncio remembers a stop before {@code run_forever()}; two such stops count as one).
	 * {@link #run} does not use such a stop up, unlike asyncio's {@code run_until_complete}, which fails with
	 * "Event loop stopped before Future completed". The loop itself keeps running until closed. Any thread.
	 */
	void stop();

	/** {@return {@code true} from creation until {@link #close()} starts} */
	boolean isRunning();

	/** {@return whether {@link #close()} has started or finished} */
	boolean isClosed();

	/**
	 * Wraps the coroutine in a task scheduled to start soon (FIFO with other ready work).
	 *
	 * @param coroutine the body
	 * @param <T> its result type
	 * @return the task
	 */
	<T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine);

	/**
	 * As {@link #createTask(Coroutine)}, with a name for logs and {@code toString()}.
	 *
	 * @param coroutine the body
	 * @param name the task name
	 * @param <T> its result type
	 * @return the task
	 */
	<T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine, String name);

	/**
	 * As {@link #createTask(Coroutine)}, running in the given context instead of a copy of the caller's:
	 * Python's {@code loop.create_task(coro, context=ctx)}. The task reads and writes {@code context} itself,
	 * so what it sets shows there afterwards.
	 *
	 * @param coroutine the body
	 * @param context the variable context the task runs in, from {@link VarContext#copyContext()}
	 * @param <T> its result type
	 * @return the task
	 */
	<T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine, VarContext context);

	/**
	 * Eager tasks: Python 3.12's {@code loop.set_task_factory(asyncio.eager_task_factory)}. When on, a task
	 * created from a coroutine of this loop ({@link Async#createTask}, {@link #createTask},
	 * {@link TaskGroup#createTask}) runs its first step at once, inside {@code createTask}, while the creating
	 * coroutine waits; {@code createTask} returns when that step ends. A task that finishes without
	 * suspending is {@link Task#isDone() done} when {@code createTask} returns, and never enters the ready
	 * queue; one that suspends is then scheduled as usual. Tasks created elsewhere (a loop callback, another
	 * thread, {@link Async#mono}) start lazily, as always.
	 *
	 * <p>In CPython this saves a trip through the loop per short task. Here the first step still runs on a
	 * virtual thread of its own (a coroutine's stack cannot move off the creator's thread if it suspends), so
	 * each eager start costs two handoffs between virtual threads: about what creating a task and awaiting it
	 * at once costs anyway, but several times what a fan-out of lazy short tasks costs (the loop runs those
	 * one after another on a single thread): measured on 2 cores, 364-448 ns per short task against about 100 ns
	 * lazily ({@code CoreBenchmark.spawnAndJoinEager} vs {@code spawnAndJoin}; both hand-offs spin while a core
	 * is free, and cost twice as much when they go through the virtual-thread scheduler). Choose it for its
	 * order (the child's first step happens before the creator's next statement, and a task that never
	 * suspends is done at once), not for speed.
	 *
	 * @param enabled whether tasks start eagerly; off by default
	 */
	void setEagerTasks(boolean enabled);

	/**
	 * Returns whether tasks start eagerly; see {@link #setEagerTasks(boolean)}.
	 *
	 * @return whether tasks start eagerly
	 */
	boolean isEagerTasks();

	/**
	 * Whether a coroutine that hands the loop to another one spins a moment before it parks. When a coroutine
	 * suspends and the loop goes to another coroutine's thread while the suspending one is next in line (two
	 * coroutines taking turns), its thread waits about a microsecond on its core for the loop to come back
	 * before it parks: a switch that comes back meanwhile costs no park and no wake-up. It pays only while
	 * another core is free to run the other coroutine: a loop switching that way keeps two cores busy, so on a
	 * machine whose cores are taken (by more busy loops than half the cores, or by other work) the spin only
	 * holds a core that someone else is waiting for. Measured on 2 cores: one loop alone switches about 2x
	 * faster with the spin; two busy loops that always spin get far less than twice the switches of one (each
	 * takes the other's second core; see {@code benchmarks/README.md}). So the spin also backs off by itself:
	 * each spin that fails to catch the loop coming back (most often because no core was free for the other
	 * coroutine) makes the loop skip the spin on its next hand-offs, about twice as many after each failure in a
	 * row (up to 255), and each spin that succeeds halves that.
	 *
	 * <p>On by default on a machine with at least 2 available processors (unless the system property
	 * {@code reactorasyncio.handoffSpins} is {@code 0}); an {@link EventLoopGroup} turns it off on its loops when
	 * they are more than half the available processors. A loop from {@link #createOnOneCarrier()} never spins
	 * (all its coroutines share one carrier thread, so the spin would only delay the next one). It changes only
	 * how fast a switch is, never what runs or in which order. May be called from any thread.
	 *
	 * @param enabled whether to spin on a hand-off
	 * @throws IllegalStateException to turn it on for a loop from {@link #createOnOneCarrier()}
	 */
	void setHandoffSpin(boolean enabled);

	/**
	 * Returns whether this loop spins on a hand-off; see {@link #setHandoffSpin(boolean)}.
	 *
	 * @return whether this loop spins on a hand-off
	 */
	boolean isHandoffSpin();

	/**
	 * Creates a pending future bound to this loop.
	 *
	 * @param <T> the result type
	 * @return a new pending future bound to this loop
	 */
	<T extends @Nullable Object> Future<T> createFuture();

	/**
	 * Runs the callable on the executor and returns a future of this loop for its outcome: Python's
	 * {@code loop.run_in_executor(executor, func)}. Unlike {@link Async#toThread(java.util.concurrent.Executor,
	 * java.util.concurrent.Callable)}, it needs no coroutine (it may be called from a loop callback) and, as in
	 * CPython, the callable does not see the caller's {@link ContextVar} values. The future completes on the
	 * loop. Cancelling it keeps a callable that has not started from starting; one that runs is not
	 * interrupted, and its outcome is dropped.
	 *
	 * @param executor where the callable runs, or {@code null} for Reactor's {@code Schedulers.boundedElastic()}
	 *        (Python's default executor)
	 * @param callable the blocking work
	 * @param <T> its result type
	 * @return a pending future of this loop
	 * @throws java.util.concurrent.RejectedExecutionException if the executor rejects the work
	 */
	<T extends @Nullable Object> Future<T> runInExecutor(java.util.concurrent.@Nullable Executor executor,
			java.util.concurrent.Callable<T> callable);

	/**
	 * Schedules the callback to run soon, after the work already ready. Thread-safe.
	 *
	 * @param callback the callback; an exception it throws goes to the exception handler
	 * @return a handle whose {@code dispose()} cancels the call if it has not run
	 */
	Disposable callSoon(Runnable callback);

	/**
	 * Schedules the callback after a delay on the loop's clock. Thread-safe.
	 *
	 * @param delay how long from now; zero or negative runs it at the next timer check
	 * @param callback the callback
	 * @return a handle whose {@code dispose()} cancels the timer
	 */
	Disposable callLater(Duration delay, Runnable callback);

	/**
	 * Schedules the callback at a point of the loop's clock ({@link #time()}). Thread-safe.
	 *
	 * @param deadlineNanos the loop time, in nanoseconds, at which to run it
	 * @param callback the callback
	 * @return a handle whose {@code dispose()} cancels the timer
	 */
	Disposable callAt(long deadlineNanos, Runnable callback);

	/**
	 * The loop's monotonic clock: the system's {@code nanoTime}, or the clock scheduler's time for a loop
	 * made with {@link #create(Scheduler)}.
	 *
	 * @return the loop time in nanoseconds, from an arbitrary origin
	 */
	long time();

	/**
	 * Debug mode: logs every step or callback that holds the loop longer than
	 * {@link #setSlowCallbackDuration(Duration) the threshold}, with the task's name and where it let go.
	 *
	 * @param enabled whether debug mode is on
	 */
	void setDebug(boolean enabled);

	/** {@return whether debug mode is on} */
	boolean isDebug();

	/**
	 * Sets how long a step or callback may hold the loop before debug mode logs it as slow.
	 *
	 * @param threshold the slow-step threshold of debug mode; 100 ms by default
	 */
	void setSlowCallbackDuration(Duration threshold);

	/**
	 * Sets who hears of errors nobody else will: a callback that threw, a task whose exception was never
	 * retrieved. The default handler logs them. The handler runs on the loop, like a callback, also for a
	 * "never retrieved" report that the garbage collector triggers. Once the loop is closed the handler is
	 * not called any more: such late reports, and done callbacks a closed loop could not run, are logged.
	 *
	 * @param handler the handler, or {@code null} for the default
	 */
	void setExceptionHandler(@Nullable Consumer<ExceptionContext> handler);

	/**
	 * The handler set with {@link #setExceptionHandler}: Python's {@code loop.get_exception_handler()}.
	 *
	 * @return the custom handler, or {@code null} when the default one is in use
	 */
	@Nullable Consumer<ExceptionContext> getExceptionHandler();

	/**
	 * Reports an error nobody else will hear of: Python's {@code loop.call_exception_handler(context)}. Calls
	 * the custom handler, or {@link #defaultExceptionHandler} when none is set, on the calling thread. If the
	 * custom handler throws, that error goes to the default handler, with the message
	 * {@code "Unhandled error in exception handler; context: "} and the context's own message; nothing is thrown
	 * to the caller. Thread-safe.
	 *
	 * @param context what happened
	 */
	void callExceptionHandler(ExceptionContext context);

	/**
	 * The handler used when no custom one is set: Python's {@code loop.default_exception_handler(context)}.
	 * Logs the message (or {@code "Unhandled exception in event loop"} for an empty one) and the task's name
	 * at ERROR level, with the exception's stack trace, through Reactor's logger for {@code EventLoop}. A
	 * custom handler may call it to keep the default logging. Thread-safe.
	 *
	 * @param context what happened
	 */
	void defaultExceptionHandler(ExceptionContext context);

	/**
	 * Cancels every task that is not done, lets them finish (they may catch the cancellation and await
	 * cleanup), drops pending timers, then stops the loop's threads. Blocks until that is done. Idempotent.
	 *
	 * <p>A task of another loop that awaits a future of this one still pending then fails with an
	 * {@link IllegalStateException} saying so, instead of waiting forever, and so do the subscribers of its
	 * {@code toMono()} and its {@code toCompletableFuture()} views; awaiting such a future later, or taking a
	 * view of it, fails at once. {@code addDoneCallback} on a future of a closed loop throws; a callback added
	 * before, whose future completes after (from another thread), is logged as not run.
	 *
	 * @throws IllegalStateException when called from a coroutine or callback of this loop
	 */
	@Override
	void close();

	/** Same as {@link #close()}. */
	@Override
	default void dispose() {
		close();
	}

	@Override
	default boolean isDisposed() {
		return isClosed();
	}
}
