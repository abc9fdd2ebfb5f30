package io.github.reactorasyncio.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.reactorasyncio.Coroutine;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.ExceptionContext;
import io.github.reactorasyncio.Future;
import io.github.reactorasyncio.Task;
import io.github.reactorasyncio.VarContext;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The {@link EventLoop} API over the loop's machinery: creating tasks (each inherits the creator's Reactor
 * context and a copy of its context variables), scheduling callbacks and timers, the settings (eager tasks,
 * debug, slow-step threshold, exception handler), running callbacks with their errors reported, and the
 * Reactor {@link Scheduler} methods.
 *
 * <p>Third in the loop's class chain: {@link StepTiming} (a step's begin and end), {@link ReadyQueue} (what
 * runs next), this, and {@link EventLoopImpl} (the baton passed between the coroutines' threads, which runs
 * what the queue yields, and closing). Every method here either puts work on the ready queue, the inbox or
 * the timers, or delegates to a class with one job: {@link BlockingRun} ({@code run}, {@code runForever},
 * {@code stop}), {@link LoopExceptions} (the exception handler), {@link SchedulerAdapter} (the
 * {@code Scheduler} view), {@link ToThread} ({@code runInExecutor}). The one thing it needs from the baton, the
 * eager start of a task, it asks through the abstract {@link #startFirstStepNow}.
 *
 * <p>Public only because the sealed {@link EventLoop} must name it; users never see it (the package is not
 * exported).
 */
public abstract sealed class EventLoopApi extends ReadyQueue implements EventLoop permits EventLoopImpl {

	private static final AtomicInteger LOOP_IDS = new AtomicInteger();

	final int id = LOOP_IDS.incrementAndGet();
	private volatile boolean eagerTasks;
	private final LoopExceptions exceptions = new LoopExceptions(log);
	private final BlockingRun blockingRun = new BlockingRun(this);

	EventLoopApi(@Nullable Scheduler clock) {
		super(clock);
	}

	/** {@return this loop as the one class of the chain that is not abstract, which the tasks and futures hold} */
	private EventLoopImpl self() {
		return (EventLoopImpl) this;
	}

	/**
	 * Runs the first step of {@code t}, just created by the step of {@code creator}, at once: Python 3.12's
	 * eager task start.
	 */
	abstract void startFirstStepNow(TaskImpl<?> creator, TaskImpl<?> t);

	// ------------------------------------------------------------------ the loop, from inside and out

	/** @return the loop whose baton the calling thread holds (a coroutine or a callback), or null */
	public static @Nullable EventLoopImpl current() {
		return LoopRegistry.current();
	}

	/** @return whether the calling thread runs a coroutine or callback of any loop */
	public static boolean onAnyLoopThread() {
		return current() != null;
	}

	/** @return the task whose step is executing right now on this loop, if the caller holds the baton */
	public final @Nullable TaskImpl<?> currentTask() {
		return inLoopThread() ? currentTask : null;
	}

	/** @return the tasks of this loop that are not done, in creation order; call on the loop */
	public final Set<Task<?>> allTasks() {
		return Collections.unmodifiableSet(new LinkedHashSet<>(tasks.snapshot()));
	}

	/**
	 * Adds an observer (the metrics binder); it hears of every step, task and batch from the loop's next item
	 * on, and this returns once it does. Thread-safe; on a closed loop it is never called.
	 */
	public final void addObserver(LoopObserver o) {
		Objects.requireNonNull(o, "o");
		CountDownLatch added = new CountDownLatch(1);
		post(() -> {
			LoopObserver current = observer;
			observer = current == null ? o : LoopObserver.both(current, o);
			added.countDown();
		});
		// wait, so that what the caller does next (create a task) is observed; bounded, for a loop held by a
		// long step
		if (!inLoopThread() && state == OPEN) {
			try {
				added.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public final boolean isRunning() {
		return state == OPEN;
	}

	@Override
	public final boolean isClosed() {
		return state != OPEN;
	}

	/** Closing tasks may still sleep and create tasks while they clean up; nobody else may add work. */
	final void checkOpen() {
		int s = state;
		if (s == CLOSED || (s == CLOSING && !inLoopThread())) {
			throw new IllegalStateException("This event loop is closed. Create a new one with EventLoop.create(), "
					+ "or use Async.run(...), which makes a fresh loop for each call.");
		}
	}

	@Override
	public final <T extends @Nullable Object> T run(Coroutine<T> coroutine) throws Exception {
		return blockingRun.run(coroutine);
	}

	@Override
	public final void runForever() throws InterruptedException {
		blockingRun.runForever();
	}

	@Override
	public final void stop() {
		blockingRun.stop();
	}

	// ------------------------------------------------------------------ tasks and futures

	@Override
	public final <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine) {
		Objects.requireNonNull(coroutine, "coroutine");
		return newTask(coroutine, null, inheritedContext());
	}

	@Override
	public final <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine, String name) {
		Objects.requireNonNull(coroutine, "coroutine");
		Objects.requireNonNull(name, "name");
		return newTask(coroutine, name, inheritedContext());
	}

	@Override
	public final <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine, VarContext context) {
		Objects.requireNonNull(coroutine, "coroutine");
		Objects.requireNonNull(context, "context");
		return newTask(coroutine, null, inheritedContext(), VarContextImpl.of(context));
	}

	/** The Reactor context of the task creating one, which the new task sees too. */
	private ContextView inheritedContext() {
		TaskImpl<?> parent = currentTask();
		return parent != null ? parent.context : Context.empty();
	}

	/** Creates a task and schedules its first step; thread-safe. */
	public final <T extends @Nullable Object> TaskImpl<T> newTask(Coroutine<T> coroutine, @Nullable String name,
			ContextView context) {
		return newTask(coroutine, name, context, null);
	}

	/** As {@link #newTask(Coroutine, String, ContextView)}, running in the given variable context if not null. */
	public final <T extends @Nullable Object> TaskImpl<T> newTask(Coroutine<T> coroutine, @Nullable String name,
			ContextView context, @Nullable VarContextImpl varContext) {
		checkOpen();
		TaskImpl<T> t = new TaskImpl<>(self(), coroutine, name, context);
		if (varContext != null) {
			t.setBoundContext(varContext);
			t.setLocals(varContext.locals);
		}
		else {
			t.setLocals(Locals.forNewTask(currentTask()));
		}
		if (inLoopThread()) {
			TaskImpl<?> creator = currentTask;
			boolean eager = eagerTasks && creator != null;
			// the task registry, the ready queue and an eager start's hand-off must not overflow half way through
			if (eager) {
				StackReserve.check(self());
			}
			else {
				StackReserve.checkShallow(self());
			}
			register(t);
			if (eager) {
				startFirstStepNow(creator, t);
				return t;
			}
			ready.add(t);
		}
		else {
			inbox.offer(t);
			wake();
		}
		return t;
	}

	@Override
	public final <T extends @Nullable Object> Future<T> runInExecutor(@Nullable Executor executor,
			Callable<T> callable) {
		Objects.requireNonNull(callable, "callable");
		checkOpen();
		return ToThread.runInExecutor(self(), executor, callable);
	}

	@Override
	public final <T extends @Nullable Object> Future<T> createFuture() {
		checkOpen();
		return new FutureImpl<>(self());
	}

	// ------------------------------------------------------------------ callbacks and timers

	@Override
	public final Disposable callSoon(Runnable callback) {
		Objects.requireNonNull(callback, "callback");
		checkOpen();
		Handle h = new Handle(callback, 0, 0);
		if (inLoopThread()) {
			StackReserve.checkShallow(self()); // the ready queue must not overflow half way through a growth
		}
		post(h);
		return h;
	}

	@Override
	public final Disposable callLater(Duration delay, Runnable callback) {
		Objects.requireNonNull(delay, "delay");
		long nanos = delay.compareTo(Duration.ofDays(365L * 100)) > 0 ? TimeUnit.DAYS.toNanos(365L * 100)
				: delay.toNanos();
		return callAt(time() + Math.max(0, nanos), callback);
	}

	@Override
	public final Disposable callAt(long deadlineNanos, Runnable callback) {
		Objects.requireNonNull(callback, "callback");
		checkOpen();
		if (inLoopThread()) {
			StackReserve.checkShallow(self()); // the timer heap must not overflow half way through a sift
			return timers.add(callback, deadlineNanos);
		}
		// the sequence number is taken on the loop, so that ties stay FIFO in the order the loop sees them
		PendingTimerHandle ph = new PendingTimerHandle();
		post(() -> {
			if (!ph.isDisposed()) {
				ph.set(timers.add(callback, deadlineNanos));
			}
		});
		return ph;
	}

	/** Runs a ready callback on the loop: what it throws goes to the exception handler, and debug times it. */
	final void runCallback(Runnable item) {
		LoopObserver o = observer;
		boolean timed = debug || o != null;
		long start = timed ? System.nanoTime() : 0;
		try {
			item.run();
		}
		catch (Throwable e) {
			reportException(new ExceptionContext("Exception in callback " + item, e, null, null));
		}
		if (timed) {
			callbackEnded(item, o, start);
		}
	}

	// ------------------------------------------------------------------ settings and errors

	@Override
	public final void setEagerTasks(boolean enabled) {
		eagerTasks = enabled;
	}

	@Override
	public final boolean isEagerTasks() {
		return eagerTasks;
	}

	@Override
	public final void setDebug(boolean enabled) {
		debug = enabled;
	}

	@Override
	public final boolean isDebug() {
		return debug;
	}

	@Override
	public final void setSlowCallbackDuration(Duration threshold) {
		Objects.requireNonNull(threshold, "threshold");
		slowNanos = threshold.toNanos();
	}

	@Override
	public final void setExceptionHandler(@Nullable Consumer<ExceptionContext> handler) {
		exceptions.setHandler(handler);
	}

	@Override
	public final @Nullable Consumer<ExceptionContext> getExceptionHandler() {
		return exceptions.handler();
	}

	@Override
	public final void callExceptionHandler(ExceptionContext context) {
		exceptions.call(context);
	}

	@Override
	public final void defaultExceptionHandler(ExceptionContext context) {
		exceptions.defaultHandler(context);
	}

	/** Reports on the loop, from the loop. */
	final void reportException(ExceptionContext context) {
		callExceptionHandler(context);
	}

	/**
	 * Reports on the loop, from any thread (the JDK's Cleaner thread, for exceptions never retrieved). Once
	 * the loop is closed its handler is not called any more: the report is logged.
	 */
	final void reportLater(ExceptionContext context) {
		if (!postIfOpen(() -> reportException(context))) {
			exceptions.defaultSafely(new ExceptionContext(context.message() + " (reported after " + this + " closed)",
					context.exception(), context.task(), context.taskName()));
		}
	}

	// ------------------------------------------------------------------ Scheduler (see SchedulerAdapter)

	@Override
	public final Disposable schedule(Runnable task) {
		return SchedulerAdapter.schedule(self(), task);
	}

	@Override
	public final Disposable schedule(Runnable task, long delay, TimeUnit unit) {
		return SchedulerAdapter.schedule(self(), task, delay, unit);
	}

	@Override
	public final Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
		return SchedulerAdapter.schedulePeriodically(self(), task, initialDelay, period, unit);
	}

	@Override
	public final long now(TimeUnit unit) {
		return unit.convert(time(), TimeUnit.NANOSECONDS);
	}

	@Override
	public final Scheduler.Worker createWorker() {
		return SchedulerAdapter.createWorker(self());
	}

	@Override
	public final void init() {
	}

	@Override
	public final String toString() {
		return "EventLoop-" + id + "[" + (state == OPEN ? "RUNNING" : state == CLOSING ? "CLOSING" : "CLOSED")
				+ (clock() != null ? ", clock=" + clock() : "") + "]";
	}
}
