package io.github.reactorasyncio.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.github.reactorasyncio.Coroutine;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.ExceptionContext;
import io.github.reactorasyncio.Future;
import io.github.reactorasyncio.Task;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The event loop: a baton passed between virtual threads.
 *
 * <p>Exactly one {@link BatonWorker} holds the baton at a time and is the only thread that touches the fields
 * marked <em>loop-confined</em>; handing the baton over is a volatile write that the receiver reads, so
 * each holder sees everything the previous one did. A worker runs tasks inline: a task that never
 * suspends costs no thread switch. A worker whose task suspends keeps driving the loop on its own stack
 * (running callbacks inline) until the next ready item is another task's step; it then hands the baton
 * straight to that task's thread, or to an idle worker for a task that has not started, and parks.
 * Other threads reach the loop only through {@link #inbox}, which the holder drains once per iteration.
 *
 * <p>This class keeps what the switch and await paths run through (the baton hand-off, the ready queue, a
 * step's begin and end) and the public API; the rest has a class of its own, which the loop owns or calls:
 * {@link BatonWorker} (the threads), {@link TimerQueue} and {@link PendingTimerHandle} (timers),
 * {@link TaskRegistry} (the live tasks), {@link StepTiming} (debug and metrics step timing, a superclass so
 * that its per-step fields cost no indirection), {@link VirtualClockSync} (a loop on a virtual clock),
 * {@link LoopExceptions} (the exception handler), {@link LoopRegistry} (finding the caller's loop),
 * {@link BlockingRun} ({@code run}, {@code runForever}, {@code stop}), {@link LoopClosing} ({@code close()})
 * and {@link SchedulerAdapter} (the Reactor {@code Scheduler} view).
 */
public final class EventLoopImpl extends StepTiming implements EventLoop {

	private static final AtomicInteger LOOP_IDS = new AtomicInteger();
	private static final int MAX_IDLE_WORKERS = 64;
	private static final int SPINS = Integer.getInteger("reactorasyncio.handoffSpins", 20);
	static final int OPEN = 0, CLOSING = 1, CLOSED = 2;

	private final int id = LOOP_IDS.incrementAndGet();
	private final @Nullable Scheduler clock;
	// with a clock only: what keeps the loop in step with it
	private final @Nullable VirtualClockSync clockSync;
	private final long origin = System.nanoTime();

	// loop-confined
	private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
	final TimerQueue timers = new TimerQueue();
	private final ArrayDeque<BatonWorker> idleWorkers = new ArrayDeque<>();
	final TaskRegistry tasks = new TaskRegistry();
	private @Nullable TaskImpl<?> currentTask;
	private int batch;

	// read racily by any thread (here and by LoopRegistry): a thread only ever compares it with itself, and
	// never sees itself stale
	@Nullable Thread holderThread;

	// thread-safe
	final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
	// counted rather than kept in a set: a suspended task should cost as little as possible
	private final AtomicInteger liveThreads = new AtomicInteger();
	private final String threadName = "loop-" + id;
	private final @Nullable OneCarrier carrier;
	private final Thread.Builder.OfVirtual threadBuilder;
	private volatile @Nullable Thread sleeper;
	volatile int state = OPEN;
	private volatile boolean eagerTasks;
	private final LoopExceptions exceptions = new LoopExceptions(log);
	final Object monitor = new Object();
	private final LoopClosing closing = new LoopClosing(this);
	private final BlockingRun blockingRun = new BlockingRun(this);

	public EventLoopImpl(@Nullable Scheduler clock) {
		this(clock, false);
	}

	/**
	 * @param clock the scheduler whose clock the loop follows, or null for the system clock
	 * @param oneCarrier whether all the loop's virtual threads share one platform carrier thread
	 */
	public EventLoopImpl(@Nullable Scheduler clock, boolean oneCarrier) {
		this.clock = clock;
		this.clockSync = clock != null ? new VirtualClockSync(this, clock) : null;
		if (oneCarrier) {
			if (!OneCarrier.available()) {
				throw new UnsupportedOperationException("EventLoop.createOnOneCarrier() needs the JVM option "
						+ OneCarrier.FLAG + ", so that the loop may give its virtual threads their own carrier "
						+ "thread. Add it, or use EventLoop.create().");
			}
			carrier = new OneCarrier(threadName + "-carrier");
			threadBuilder = carrier.builder().name(threadName);
		}
		else {
			carrier = null;
			threadBuilder = Thread.ofVirtual().name(threadName);
		}
		LoopRegistry.add(this);
		BatonWorker first = newWorker();
		giveBaton(first);
	}

	// ------------------------------------------------------------------ baton and workers

	/** Called as a worker's thread ends; the last one to end lets a waiting {@code close()} return. */
	void workerEnded() {
		if (liveThreads.decrementAndGet() == 0 && state == CLOSED) {
			synchronized (monitor) {
				monitor.notifyAll();
			}
		}
	}

	private BatonWorker newWorker() {
		liveThreads.incrementAndGet();
		return new BatonWorker(this, threadBuilder);
	}

	private void giveBaton(BatonWorker to) {
		holderThread = to.thread;
		to.baton = true;
		if (!to.started) {
			to.started = true;
			to.thread.start();
		}
		else {
			LockSupport.unpark(to.thread);
		}
	}

	private void awaitBaton(BatonWorker self) {
		while (!self.baton) {
			LockSupport.park(this);
			if (Thread.interrupted()) {
				interrupted(self);
			}
		}
	}

	/**
	 * Waits a moment, without parking, for the baton to come straight back: when two coroutines take turns
	 * the other step is short, and a baton that arrives while we spin costs no park and no unpark (a parked
	 * virtual thread is woken through the scheduler, usually on the other core). Bounded to about a
	 * microsecond.
	 */
	private void spinForBaton(BatonWorker self) {
		// on one carrier, spinning would only keep the next coroutine from running
		for (int i = carrier == null ? 0 : SPINS; i < SPINS && !self.baton; i++) {
			Thread.onSpinWait();
		}
	}

	/** Hands the baton to {@code to} and parks until someone hands it back. */
	private void switchTo(BatonWorker self, BatonWorker to) {
		self.baton = false;
		giveBaton(to);
		awaitBaton(self);
	}

	/** Interrupting a suspended coroutine's thread is a cancel request for its task. */
	private void interrupted(BatonWorker self) {
		TaskImpl<?> t = self.task;
		if (t != null) {
			// always through the inbox: a parked thread must not touch the ready queue, even if it is about to
			// receive the baton
			inbox.offer(() -> t.cancel("interrupted"));
			wake();
		}
	}

	/**
	 * Drives the loop on a worker with no task. Returns {@code true} when the worker was parked idle and
	 * then assigned a task, {@code false} when its thread should end.
	 */
	boolean driveUnbound(BatonWorker self) {
		for (;;) {
			Runnable item = next(self);
			if (item == null) {
				return false;
			}
			if (item instanceof TaskImpl<?> t) {
				BatonWorker w = t.worker;
				if (w == null) {
					runTask(self, t);
					// an idle worker's frame must not keep a finished task reachable: its "never retrieved"
					// report comes only once it is collected
					item = null;
					t = null;
					continue;
				}
				if (idleWorkers.size() >= MAX_IDLE_WORKERS) {
					self.baton = false;
					giveBaton(w);
					return false;
				}
				idleWorkers.push(self);
				switchTo(self, w);
				return !self.exit;
			}
			runCallback(item);
		}
	}

	/**
	 * Called on a task's own thread when it suspends: drives the loop until the next item is this task's
	 * own step, handing the baton away and back if another task must run first.
	 */
	void suspend(TaskImpl<?> task) {
		BatonWorker self = Objects.requireNonNull(task.worker);
		endStep(task);
		currentTask = null;
		BatonWorker creator = task.eagerCreator;
		if (creator != null) {
			// the first step of an eager task ends here: the task that called createTask goes on at once, and
			// this one waits for its wake-up like any suspended task
			task.eagerCreator = null;
			switchTo(self, creator);
			currentTask = task;
			beginStep();
			return;
		}
		for (;;) {
			Runnable item = next(self);
			if (item == null) {
				throw new IllegalStateException("loop closed under a suspended task: " + task);
			}
			if (item == task) {
				break;
			}
			if (item instanceof TaskImpl<?> t) {
				BatonWorker w = t.worker;
				if (w == null) {
					w = idleWorkers.isEmpty() ? newWorker() : idleWorkers.pop();
					w.assigned = t;
				}
				// switchTo(self, w), inlined: each frame here is kept on every suspended coroutine's stack.
				// Spin only when this task is the very next in line (two coroutines taking turns): with more
				// between, the spin would only hold a carrier that the coroutines in between need.
				boolean nextInLine = ready.peek() == task;
				self.baton = false;
				giveBaton(w);
				if (nextInLine) {
					spinForBaton(self);
				}
				while (!self.baton) {
					LockSupport.park(this);
					if (Thread.interrupted()) {
						interrupted(self);
					}
				}
				break;
			}
			runCallback(item);
		}
		currentTask = task;
		beginStep();
	}

	/**
	 * Hands the baton from a worker whose eager task finished back to the task that created it, and parks
	 * the worker idle. Returns false when the worker's thread should end instead.
	 */
	boolean returnToEagerCreator(BatonWorker self, BatonWorker creator) {
		self.task = null;
		if (idleWorkers.size() >= MAX_IDLE_WORKERS) {
			self.baton = false;
			giveBaton(creator);
			return false;
		}
		idleWorkers.push(self);
		switchTo(self, creator);
		return !self.exit;
	}

	/**
	 * Python 3.12's eager start: runs the new task's first step now, on a worker of its own, while the
	 * creating task waits; the creator goes on when that step ends, by finishing or by suspending. Called
	 * from the creator's step, which is ended and begun again around the eager step.
	 */
	private void startEagerly(TaskImpl<?> creator, TaskImpl<?> t) {
		BatonWorker self = Objects.requireNonNull(creator.worker);
		BatonWorker w = idleWorkers.isEmpty() ? newWorker() : idleWorkers.pop();
		w.assigned = t;
		t.eagerCreator = self;
		endStep(creator);
		currentTask = null;
		switchTo(self, w);
		currentTask = creator;
		beginStep();
	}

	void runTask(BatonWorker self, TaskImpl<?> t) {
		self.task = t;
		t.worker = self;
		currentTask = t;
		beginStep();
		try {
			t.runBody();
		}
		finally {
			endStep(t);
			currentTask = null;
			self.task = null;
			t.worker = null;
			tasks.remove(t);
			if (observer != null) {
				observer.taskDone(t.isCancelled());
			}
		}
	}

	// ------------------------------------------------------------------ the ready queue

	/** The next item to run, waiting idle (still holding the baton) while there is none. */
	private @Nullable Runnable next(BatonWorker self) {
		for (;;) {
			if (batch > 0) {
				Runnable r = ready.poll();
				if (r != null) {
					batch--;
					return r;
				}
			}
			for (Runnable r; (r = inbox.poll()) != null; ) {
				if (r instanceof TaskImpl<?> t && !t.registered) {
					register(t);
				}
				ready.add(r);
			}
			fireDueTimers();
			batch = ready.size();
			if (observer != null) {
				observer.batch(batch, tasks.size());
			}
			if (batch > 0) {
				continue;
			}
			if (state != OPEN && closing.maybeFinish()) {
				return null;
			}
			idle(self);
		}
	}

	private void fireDueTimers() {
		if (!timers.isEmpty()) {
			timers.moveDue(time(), ready);
		}
	}

	private void idle(BatonWorker self) {
		long timeout = 0;
		Handle next = timers.peek();
		if (next != null) {
			timeout = next.deadline - time();
			if (timeout <= 0) {
				return;
			}
		}
		if (clockSync != null) {
			clockSync.loopIdle(next != null ? next.deadline : Long.MAX_VALUE, timeout);
		}
		sleeper = self.thread;
		if (inbox.isEmpty()) {
			if (clock == null && next != null) {
				LockSupport.parkNanos(this, timeout);
			}
			else {
				LockSupport.park(this);
			}
		}
		sleeper = null;
		if (Thread.interrupted()) {
			interrupted(self);
		}
	}

	/**
	 * Blocks the calling (non-loop) thread until the loop has run out of ready work. Used with a virtual
	 * clock so that advancing virtual time runs everything that the advance made ready before returning.
	 */
	public void awaitIdle() {
		VirtualClockSync sync = clockSync;
		if (sync != null && !inLoopThread()) {
			sync.awaitIdle();
		}
	}

	void wake() {
		Thread s = sleeper;
		if (s != null) {
			LockSupport.unpark(s);
		}
	}

	/**
	 * Enqueues from any thread; never throws. Work posted after the loop closed is dropped. On a virtual
	 * clock, a thread outside the loop then waits until the loop is idle again: whatever that thread does next
	 * (advance virtual time, check a result) sees everything the posted work led to, with no race.
	 */
	void post(Runnable r) {
		if (inLoopThread()) {
			ready.add(r);
		}
		else {
			inbox.offer(r);
			wake();
			if (clock != null) {
				awaitIdle();
			}
		}
	}

	/**
	 * Enqueues from any thread unless the loop is closed: then returns {@code false}, and {@code r} does not
	 * run. A {@code true} means it runs on the loop, even if the loop closes meanwhile: the closing loop runs
	 * what was posted before it closed ({@link LoopClosing#maybeFinish}), and a post that loses that race takes
	 * its item back.
	 */
	boolean postIfOpen(Runnable r) {
		if (state == CLOSED) {
			return false;
		}
		if (inLoopThread()) {
			ready.add(r);
			return true;
		}
		inbox.offer(r);
		if (state == CLOSED && inbox.remove(r)) {
			return false; // the closing loop's last drain did not see it
		}
		wake();
		if (clock != null) {
			awaitIdle();
		}
		return true;
	}

	/**
	 * Reports on the loop, from any thread (the JDK's Cleaner thread, for exceptions never retrieved). Once
	 * the loop is closed its handler is not called any more: the report is logged.
	 */
	void reportLater(ExceptionContext context) {
		if (!postIfOpen(() -> reportException(context))) {
			exceptions.defaultSafely(new ExceptionContext(context.message() + " (reported after " + this + " closed)",
					context.exception(), context.task(), context.taskName()));
		}
	}

	/** @return false if this loop is closed, and will not fail the awaiter when it closes */
	boolean addForeignAwaiter(LoopClosedListener w) {
		return closing.addForeignAwaiter(w);
	}

	void removeForeignAwaiter(LoopClosedListener w) {
		closing.removeForeignAwaiter(w);
	}

	/** Schedules a task's next step (a resume or its first step); thread-safe. */
	void resume(TaskImpl<?> t) {
		post(t);
	}

	/** Schedules a task's next step from the loop itself, after the ready work: used by yield. */
	void readyNow(TaskImpl<?> t) {
		ready.add(t);
	}

	/** @return whether the calling thread holds this loop's baton */
	public boolean inLoopThread() {
		return Thread.currentThread() == holderThread;
	}

	private void register(TaskImpl<?> t) {
		if (observer != null) {
			observer.taskCreated();
		}
		tasks.add(t);
	}

	// ------------------------------------------------------------------ running things

	void runCallback(Runnable item) {
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

	private void beginStep() {
		TaskImpl<?> t = currentTask;
		if (t != null && t.boundContext != null) {
			t.setLocals(t.boundContext.locals); // another task sharing the context may have set something
		}
		if (MdcHook.ENABLED) {
			MdcHook.begin(currentTask);
		}
		startStepTimer();
	}

	private void endStep(TaskImpl<?> task) {
		if (MdcHook.ENABLED) {
			MdcHook.end(task);
		}
		VarContextImpl bound = task.boundContext;
		if (bound != null) {
			bound.locals = task.locals();
		}
		stopStepTimer(task);
	}

	/** @return the task whose step is executing right now on this loop, if the caller holds the baton */
	public @Nullable TaskImpl<?> currentTask() {
		return inLoopThread() ? currentTask : null;
	}

	/** @return the loop whose baton the calling thread holds (a coroutine or a callback), or null */
	public static @Nullable EventLoopImpl current() {
		return LoopRegistry.current();
	}

	/** @return whether the calling thread runs a coroutine or callback of any loop */
	public static boolean onAnyLoopThread() {
		return current() != null;
	}

	/** @return the tasks of this loop that are not done, in creation order; call on the loop */
	public Set<Task<?>> allTasks() {
		return Collections.unmodifiableSet(new LinkedHashSet<>(tasks.snapshot()));
	}

	/**
	 * Adds an observer (the metrics binder); it hears of every step, task and batch from the loop's next item
	 * on, and this returns once it does. Thread-safe; on a closed loop it is never called.
	 */
	public void addObserver(LoopObserver o) {
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

	/** @return how many of this loop's threads are alive; zero once {@link #close()} returned */
	public int liveThreads() {
		return liveThreads.get();
	}

	void reportException(ExceptionContext context) {
		callExceptionHandler(context);
	}

	@Override
	public void callExceptionHandler(ExceptionContext context) {
		exceptions.call(context);
	}

	@Override
	public void defaultExceptionHandler(ExceptionContext context) {
		exceptions.defaultHandler(context);
	}

	@Override
	public @Nullable Consumer<ExceptionContext> getExceptionHandler() {
		return exceptions.handler();
	}

	// ------------------------------------------------------------------ EventLoop API

	@Override
	public <T extends @Nullable Object> T run(Coroutine<T> coroutine) throws Exception {
		return blockingRun.run(coroutine);
	}

	@Override
	public void runForever() throws InterruptedException {
		blockingRun.runForever();
	}

	@Override
	public void stop() {
		blockingRun.stop();
	}

	@Override
	public boolean isRunning() {
		return state == OPEN;
	}

	@Override
	public boolean isClosed() {
		return state != OPEN;
	}

	@Override
	public <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine) {
		Objects.requireNonNull(coroutine, "coroutine");
		return newTask(coroutine, null, inheritedContext());
	}

	@Override
	public <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine, String name) {
		Objects.requireNonNull(coroutine, "coroutine");
		Objects.requireNonNull(name, "name");
		return newTask(coroutine, name, inheritedContext());
	}

	@Override
	public <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine, io.github.reactorasyncio.VarContext context) {
		Objects.requireNonNull(coroutine, "coroutine");
		Objects.requireNonNull(context, "context");
		return newTask(coroutine, null, inheritedContext(), VarContextImpl.of(context));
	}

	private ContextView inheritedContext() {
		TaskImpl<?> parent = currentTask();
		return parent != null ? parent.context : Context.empty();
	}

	/** Creates a task and schedules its first step; thread-safe. */
	public <T extends @Nullable Object> TaskImpl<T> newTask(Coroutine<T> coroutine, @Nullable String name,
			ContextView context) {
		return newTask(coroutine, name, context, null);
	}

	/** As {@link #newTask(Coroutine, String, ContextView)}, running in the given variable context if not null. */
	public <T extends @Nullable Object> TaskImpl<T> newTask(Coroutine<T> coroutine, @Nullable String name,
			ContextView context, @Nullable VarContextImpl varContext) {
		checkOpen();
		TaskImpl<T> t = new TaskImpl<>(this, coroutine, name, context);
		if (varContext != null) {
			t.boundContext = varContext;
			t.setLocals(varContext.locals);
		}
		else {
			t.setLocals(Locals.forNewTask(currentTask()));
		}
		if (inLoopThread()) {
			register(t);
			TaskImpl<?> creator = currentTask;
			if (eagerTasks && creator != null) {
				startEagerly(creator, t);
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
	public <T extends @Nullable Object> Future<T> runInExecutor(java.util.concurrent.@Nullable Executor executor,
			java.util.concurrent.Callable<T> callable) {
		Objects.requireNonNull(callable, "callable");
		checkOpen();
		return ToThread.runInExecutor(this, executor, callable);
	}

	@Override
	public <T extends @Nullable Object> Future<T> createFuture() {
		checkOpen();
		return new FutureImpl<>(this);
	}

	@Override
	public Disposable callSoon(Runnable callback) {
		Objects.requireNonNull(callback, "callback");
		checkOpen();
		Handle h = new Handle(callback, 0, 0);
		post(h);
		return h;
	}

	@Override
	public Disposable callLater(Duration delay, Runnable callback) {
		Objects.requireNonNull(delay, "delay");
		long nanos = delay.compareTo(Duration.ofDays(365L * 100)) > 0 ? TimeUnit.DAYS.toNanos(365L * 100)
				: delay.toNanos();
		return callAt(time() + Math.max(0, nanos), callback);
	}

	@Override
	public Disposable callAt(long deadlineNanos, Runnable callback) {
		Objects.requireNonNull(callback, "callback");
		checkOpen();
		if (inLoopThread()) {
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

	/** @return the scheduler whose clock this loop follows, or null for the system clock */
	public @Nullable Scheduler clock() {
		return clock;
	}

	@Override
	public long time() {
		Scheduler c = clock;
		return c != null ? c.now(TimeUnit.NANOSECONDS) : System.nanoTime() - origin;
	}

	@Override
	public void setEagerTasks(boolean enabled) {
		eagerTasks = enabled;
	}

	@Override
	public boolean isEagerTasks() {
		return eagerTasks;
	}

	@Override
	public void setDebug(boolean enabled) {
		debug = enabled;
	}

	@Override
	public boolean isDebug() {
		return debug;
	}

	@Override
	public void setSlowCallbackDuration(Duration threshold) {
		Objects.requireNonNull(threshold, "threshold");
		slowNanos = threshold.toNanos();
	}

	@Override
	public void setExceptionHandler(@Nullable Consumer<ExceptionContext> handler) {
		exceptions.setHandler(handler);
	}

	/** Closing tasks may still sleep and create tasks while they clean up; nobody else may add work. */
	void checkOpen() {
		int s = state;
		if (s == CLOSED || (s == CLOSING && !inLoopThread())) {
			throw new IllegalStateException("This event loop is closed. Create a new one with EventLoop.create(), "
					+ "or use Async.run(...), which makes a fresh loop for each call.");
		}
	}

	// ------------------------------------------------------------------ closing

	@Override
	public void close() {
		closing.close();
	}

	/** Ends the idle workers' threads; called by the closing loop. */
	void dismissIdleWorkers() {
		for (BatonWorker w : idleWorkers) {
			w.exit = true;
			w.baton = true;
			LockSupport.unpark(w.thread);
		}
		idleWorkers.clear();
	}

	/** Called by {@code close()} once every thread of the loop has ended. */
	void shutdownCarrier() {
		if (carrier != null) {
			carrier.shutdown();
		}
	}

	// ------------------------------------------------------------------ Scheduler (see SchedulerAdapter)

	@Override
	public Disposable schedule(Runnable task) {
		return SchedulerAdapter.schedule(this, task);
	}

	@Override
	public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
		return SchedulerAdapter.schedule(this, task, delay, unit);
	}

	@Override
	public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
		return SchedulerAdapter.schedulePeriodically(this, task, initialDelay, period, unit);
	}

	@Override
	public long now(TimeUnit unit) {
		return unit.convert(time(), TimeUnit.NANOSECONDS);
	}

	@Override
	public Scheduler.Worker createWorker() {
		return SchedulerAdapter.createWorker(this);
	}

	@Override
	public void init() {
	}

	@Override
	public String toString() {
		return "EventLoop-" + id + "[" + (state == OPEN ? "RUNNING" : state == CLOSING ? "CLOSING" : "CLOSED")
				+ (clock != null ? ", clock=" + clock : "") + "]";
	}
}
