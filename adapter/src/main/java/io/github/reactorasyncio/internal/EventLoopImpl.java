package io.github.reactorasyncio.internal;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * The event loop: a baton passed between virtual threads.
 *
 * <p>Exactly one {@link BatonWorker} holds the baton at a time and is the only thread that touches the fields
 * marked <em>loop-confined</em> (here and in the superclasses); handing the baton over is a volatile write that
 * the receiver reads, so each holder sees everything the previous one did. A worker runs tasks inline: a task
 * that never suspends costs no thread switch. A worker whose task suspends keeps driving the loop on its own
 * stack until the next ready item is another task's step or a callback; it then hands the baton straight to
 * that task's thread, or to an idle worker (for a task that has not started, or to run callbacks on a shallow
 * stack, see {@link #handOff}), and parks. {@link StackReserve} makes sure a task's stack has room for this
 * before the task commits to suspending. Other
 * threads reach the loop only through the inbox, which the holder drains once per batch.
 *
 * <p>The loop is a chain of classes, each with one job, so that what every switch touches is the loop's own
 * fields with no indirection: {@link StepTiming} (what begins and ends with each step: the current task, its
 * context, debug and metrics timing), {@link ReadyQueue} (what runs next: the ready queue, inbox, timers, clock
 * and the idle wait), {@link EventLoopApi} (the public {@code EventLoop} and {@code Scheduler} API), and this
 * class (the baton hand-off and the worker threads, and closing, which ends them). Off the switch path the loop
 * holds or calls small classes: {@link BatonWorker} (the threads), {@link TimerQueue} and
 * {@link PendingTimerHandle} (timers), {@link TaskRegistry} (the live tasks), {@link VirtualClockSync} (a loop on
 * a virtual clock), {@link LoopExceptions} (the exception handler), {@link LoopRegistry} (finding the caller's
 * loop), {@link BlockingRun} ({@code run}, {@code runForever}, {@code stop}), {@link LoopClosing}
 * ({@code close()}) and {@link SchedulerAdapter} (the Reactor {@code Scheduler} view).
 */
public final class EventLoopImpl extends EventLoopApi {

	private static final int MAX_IDLE_WORKERS = 64;
	private static final int SPINS = Integer.getInteger("reactorasyncio.handoffSpins", 20);
	// at most this many hand-offs without a spin after failed ones: where spins keep failing, a probe wastes ~1 us
	// per 256 hand-offs (~4 ns each, ~1% of a hand-off through the scheduler), and where they would pay again, a
	// loop finds out within ~0.1 ms (0 turns the back-off off: always spin, as before it existed)
	private static final int MAX_SPIN_BACKOFF = Integer.getInteger("reactorasyncio.handoffSpinBackoff", 255);

	static {
		// Every class an await or a hand-off may use for the first time, initialized now, on the stack of whoever makes
		// the first loop: a static initializer that overflows (run by an await at the end of a deep recursion) would
		// leave its class unusable for the whole JVM (NoClassDefFoundError ever after), whatever StackReserve made
		// sure of.
		for (Class<?> c : new Class<?>[] {StackReserve.class, Awaiter.class, MonoAwaiter.class, FutureAwaiter.class,
				StageAwaiter.class, SleepAwaiter.class, Handle.class, TimerQueue.class, Sneaky.class, SelfAwait.class,
				io.github.reactorasyncio.CancelledError.class, reactor.core.publisher.Operators.class,
				reactor.util.context.Context.class}) {
			try {
				Class.forName(c.getName(), true, c.getClassLoader());
			}
			catch (ClassNotFoundException e) {
				throw new AssertionError(e);
			}
		}
	}

	// loop-confined
	private final ArrayDeque<BatonWorker> idleWorkers = new ArrayDeque<>();
	private final SpinBackoff spinBackoff = new SpinBackoff(MAX_SPIN_BACKOFF);
	// counts StackReserve probes
	int probes;

	// thread-safe
	// counted rather than kept in a set: a suspended task should cost as little as possible
	private final AtomicInteger liveThreads = new AtomicInteger();
	private final String threadName = "loop-" + id;
	private final @Nullable OneCarrier carrier;
	private final Thread.Builder.OfVirtual threadBuilder;
	private final LoopClosing closing = new LoopClosing(this);
	// read by the baton holder on each hand-off; set from any thread
	private volatile boolean handoffSpin;

	public EventLoopImpl(@Nullable Scheduler clock) {
		this(clock, false);
	}

	/**
	 * @param clock the scheduler whose clock the loop follows, or null for the system clock
	 * @param oneCarrier whether all the loop's virtual threads share one platform carrier thread
	 */
	public EventLoopImpl(@Nullable Scheduler clock, boolean oneCarrier) {
		super(clock);
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
		handoffSpin = carrier == null && SPINS > 0 && Runtime.getRuntime().availableProcessors() >= 2;
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

	/**
	 * Parks until the baton comes back. The test after a park is a branch of its own, never the one before it
	 * (a {@code while} would use one bytecode for both): during a burst of tasks that all suspend before any
	 * wakes, C2 compiles this code (inlined, with everything down from {@code Continuation.enter}, into one
	 * frame) seeing only the "no baton yet" outcome, turns the other one into an uncommon trap, and every one of
	 * those suspended frames would then deoptimize on its wake. Left unprofiled, the test after the park
	 * compiles with both outcomes. {@link TaskImpl#await} has its own copy, for the same reason as
	 * {@link #handOff}.
	 */
	private void awaitBaton(BatonWorker self) {
		if (!self.baton) {
			do {
				LockSupport.park(this);
				if (Thread.interrupted()) {
					interrupted(self);
				}
			} while (!self.baton);
		}
	}

	/**
	 * Whether the hand-off the holder is about to make should spin: the setting, then the adaptive back-off
	 * ({@link SpinBackoff}), which stops spinning while spins fail (no core free for the other coroutine).
	 * Called by the baton holder before it gives the baton away; it records the outcome once it has the baton back.
	 */
	private boolean spinNow() {
		// off: a one-carrier loop, one core, or cores too few for the loops that want them
		return handoffSpin && spinBackoff.spinNow();
	}

	/**
	 * Waits a moment, without parking, for the baton to come straight back: when two coroutines take turns
	 * the other step is short, and a baton that arrives while we spin costs no park and no unpark (a parked
	 * virtual thread is woken through the scheduler, usually on the other core). Bounded to about a
	 * microsecond. Called without the baton; returns whether it came back.
	 */
	private static boolean spinForBaton(BatonWorker self) {
		for (int i = 0; i < SPINS; i++) {
			if (self.baton) {
				return true;
			}
			Thread.onSpinWait();
		}
		return self.baton;
	}

	@Override
	public void setHandoffSpin(boolean enabled) {
		if (enabled && carrier != null) {
			throw new IllegalStateException("A loop from EventLoop.createOnOneCarrier() cannot spin on a hand-off: "
					+ "all its coroutines share one carrier thread, and a spin would only keep the next one from "
					+ "running. Use EventLoop.create() for a loop that spins.");
		}
		handoffSpin = enabled && SPINS > 0;
	}

	@Override
	public boolean isHandoffSpin() {
		return handoffSpin;
	}

	/** Hands the baton to {@code to} and parks until someone hands it back. */
	private void switchTo(BatonWorker self, BatonWorker to) {
		self.baton = false;
		giveBaton(to);
		awaitBaton(self);
	}

	/** Interrupting a suspended coroutine's thread is a cancel request for its task. */
	void interrupted(BatonWorker self) {
		TaskImpl<?> t = self.task;
		if (t != null) {
			// always through the inbox: a parked thread must not touch the ready queue, even if it is about to
			// receive the baton
			inbox.offer(() -> t.cancel("interrupted"));
			wake();
		}
	}

	/**
	 * A worker's life between two bodies, on its own thread, from {@link BatonWorker#run}: finishes the task whose
	 * body has just returned ({@code outcome}) or thrown ({@code outcome} is the exception), if the worker has one
	 * (its {@code task}), then finds the next task whose body it is to run (its assigned one, or one it meets
	 * driving the loop, idle in between) and begins that task's first step. A task cancelled before it started
	 * completes here, and the search goes on.
	 *
	 * <p>All this is one method, called and returned from, so that the worker's frame under each body has nothing
	 * else in it: that frame is kept by every suspended task, and a frame's size is that of its biggest call
	 * site, including the inlined ones. It must never be inlined into {@code run}, and C2 inlines a hot call of up
	 * to 325 bytecodes ({@code FreqInlineSize}): it is kept over that size, which {@code WorkerFramesTest} pins.
	 *
	 * @param outcome what the body returned, or the exception it threw; ignored on the worker's first call
	 * @param threw whether the body threw {@code outcome}
	 * @return the task whose body the worker runs next, its step begun; null when the worker's thread should end
	 */
	@Nullable TaskImpl<?> nextBody(BatonWorker self, @Nullable Object outcome, boolean threw) {
		TaskImpl<?> t = self.task;
		boolean ended = t != null;
		if (ended) {
			try {
				// the body may have unwound without the baton (see lostBaton): it comes back before the task
				// completes
				if (self.lostBaton) {
					self.lostBaton = false;
					awaitBaton(self);
					currentTask = t;
					beginStep();
				}
				if (threw) {
					t.bodyThrew((Throwable) Objects.requireNonNull(outcome));
				}
				else {
					t.bodyReturned(outcome);
				}
				outcome = null; // an idle worker keeps nothing of its last body reachable
			}
			finally {
				taskEnded(self, t);
			}
		}
		else {
			// the worker's first call: it was started with a task, or to drive the loop
			t = self.assigned;
			self.assigned = null;
		}
		for (;;) {
			if (ended) {
				BatonWorker creator = t.eagerCreator;
				t = null; // an idle worker keeps no finished task reachable: see below
				if (creator != null) {
					// an eager task that finished in its first step: straight back to createTask
					if (!returnToEagerCreator(self, creator)) {
						return null;
					}
					t = self.assigned;
					self.assigned = null;
				}
			}
			while (t == null) {
				// no task: drive the loop until there is one to run, a task that has not started (run here, with
				// no thread switch), or the one this worker is assigned once parked idle
				Runnable item = next(self);
				if (item == null) {
					return null;
				}
				if (item instanceof TaskImpl<?> ready) {
					BatonWorker w = ready.worker;
					if (w == null) {
						if (!ready.isDone()) { // else a stale step of a finished task: its body never runs twice
							t = ready;
						}
						continue;
					}
					if (idleWorkers.size() >= MAX_IDLE_WORKERS) {
						self.baton = false;
						giveBaton(w);
						return null;
					}
					idleWorkers.push(self);
					// an idle worker's frame must not keep a finished task reachable: its "never retrieved" report
					// comes only once it is collected
					item = null;
					ready = null;
					switchTo(self, w);
					if (self.exit) {
						return null;
					}
					// its assigned task, or none if it was woken to run callbacks on this shallow stack
					t = self.assigned;
					self.assigned = null;
				}
				else {
					runCallback(item);
				}
			}
			self.task = t;
			t.worker = self;
			currentTask = t;
			beginStep();
			boolean starts = false;
			try {
				starts = t.startBody();
			}
			finally {
				if (!starts) {
					// cancelled before it started (startBody completed it), or startBody failed
					taskEnded(self, t);
				}
			}
			if (starts) {
				return t;
			}
			ended = true;
		}
	}

	/** {@link #handOff}: the task holds the baton, its step may begin again at once. */
	static final int KEPT_BATON = 0;
	/** {@link #handOff}: the baton went to another thread; the task parks until it comes back. */
	static final int GAVE_BATON = 1;
	/** {@link #handOff}: as {@link #GAVE_BATON}, after a spin that missed it ({@link #resumeStep} records the miss). */
	static final int GAVE_BATON_SPUN = 2;

	/**
	 * The first half of a task's suspension, called on its own thread: ends its step and drives the loop until the
	 * next item is the task's own step ({@link #KEPT_BATON}), or hands the baton to the thread that must run
	 * first ({@link #GAVE_BATON}, {@link #GAVE_BATON_SPUN}). The caller ({@link TaskImpl#await}) then parks until
	 * its worker has the baton again, and calls {@link #resumeStep}. The park is in the caller's frame, not here:
	 * every frame between a body and its park is kept, frozen, on each suspended task's stack, and this one, which
	 * drives the loop, is the biggest of ours (issue 14: bytes per suspended task); it returns before the park.
	 *
	 * <p>This runs under the coroutine's frames, which may be a deep recursion: the caller made sure of the stack
	 * it needs ({@link StackReserve}), and so it runs only code of bounded depth. A callback (user code, of any
	 * depth) is never run here but handed, with the baton, to a worker with a shallow stack, except the loop's own
	 * {@link BoundedCallback}s.
	 *
	 * <p>So that its frame is gone before the park, this method must never be inlined into the await, and C2
	 * inlines a hot call of up to 325 bytecodes ({@code FreqInlineSize}): it is kept over that size, asserts
	 * included (javac emits them whether or not they are enabled), which {@code WorkerFramesTest} pins. Inlined,
	 * it made the await's frame 24 words instead of 14.
	 *
	 * @return {@link #KEPT_BATON}, {@link #GAVE_BATON} or {@link #GAVE_BATON_SPUN}, for {@link #resumeStep}
	 */
	int handOff(TaskImpl<?> task) {
		assert inLoopThread() : "a task suspends without its loop's baton: " + task + " on " + Thread.currentThread();
		assert currentTask == task : task + " suspends while " + currentTask + " is the loop's running task";
		BatonWorker self = Objects.requireNonNull(task.worker);
		endStep(task);
		currentTask = null;
		BatonWorker creator = task.eagerCreator;
		if (creator != null) {
			// the first step of an eager task ends here: the task that called createTask goes on at once, and
			// this one waits for its wake-up like any suspended task
			task.eagerCreator = null;
			self.baton = false;
			giveBaton(creator);
			return GAVE_BATON;
		}
		for (;;) {
			Runnable item = next(self);
			if (item == null) {
				throw new IllegalStateException("loop closed under a suspended task: " + task);
			}
			if (item == task) {
				return KEPT_BATON;
			}
			BatonWorker w;
			if (item instanceof TaskImpl<?> t) {
				w = t.worker;
				if (w == null) {
					if (t.isDone()) {
						continue; // a stale step of a finished task: its body never runs twice
					}
					w = idleWorkers.isEmpty() ? newWorker() : idleWorkers.pop();
					w.assigned = t;
				}
			}
			else if (item instanceof BoundedCallback) {
				runCallback(item);
				continue;
			}
			else {
				// a callback: back at the head of the queue, for a worker with no task (and a shallow stack) to run
				putBack(item);
				w = idleWorkers.isEmpty() ? newWorker() : idleWorkers.pop();
			}
			// Spin only when this task is the very next in line (two coroutines taking turns): with more
			// between, the spin would only hold a carrier that the coroutines in between need.
			boolean spin = ready.peek() == task && spinNow();
			assert w != self && !w.baton : "the baton goes to " + w.thread + ", which is running, from " + task;
			self.baton = false;
			giveBaton(w);
			if (!spin) {
				return GAVE_BATON;
			}
			if (spinForBaton(self)) {
				spinBackoff.spun(true); // holding the baton again
				return KEPT_BATON;
			}
			return GAVE_BATON_SPUN;
		}
	}

	/**
	 * The second half of a task's suspension ({@link #handOff}): the task's thread holds the baton again, and its
	 * step begins.
	 *
	 * @param how what {@link #handOff} returned
	 */
	void resumeStep(TaskImpl<?> task, int how) {
		if (how == GAVE_BATON_SPUN) {
			spinBackoff.spun(false);
		}
		currentTask = task;
		beginStep();
	}

	/**
	 * The JVM could not unmount a task's thread that had handed the baton on: parking copies the thread's frames
	 * to the heap through a native recursion, one level per frame not yet copied, and for a deep recursion of
	 * (interpreted) frames that overflows, cleanly, before anything is parked. Such a stack cannot wait. Its task
	 * fails with the error instead: the loop is asked to wake it (a wait is failed with {@code e}), the body
	 * unwinds, and {@link #nextBody} waits for the baton on the shallow stack under the body before the task
	 * completes. Meanwhile the unwinding body does not hold the baton: to it, loop-confined calls behave as from
	 * another thread.
	 */
	StackOverflowError lostBaton(BatonWorker self, TaskImpl<?> task, StackOverflowError e) {
		self.lostBaton = true;
		Awaiter<?> w = task.waiter();
		if (w != null) {
			inbox.offer(() -> w.fail(e));
			wake();
		}
		return e;
	}

	/**
	 * Hands the baton from a worker whose eager task finished back to the task that created it, and parks
	 * the worker idle. Returns false when the worker's thread should end instead.
	 */
	private boolean returnToEagerCreator(BatonWorker self, BatonWorker creator) {
		self.task = null;
		if (idleWorkers.size() >= MAX_IDLE_WORKERS) {
			self.baton = false;
			giveBaton(creator);
			return false;
		}
		idleWorkers.push(self);
		// idle workers are a stack: the next eager start takes this one, and in a fan-out of short eager tasks
		// it comes within the spin, so that both hand-offs of an eager start are made between spinning threads
		return spinningSwitchTo(self, creator, null);
	}

	/**
	 * Python 3.12's eager start: runs the new task's first step now, on a worker of its own, while the
	 * creating task waits; the creator goes on when that step ends, by finishing or by suspending. Called
	 * from the creator's step, which is ended and begun again around the eager step.
	 */
	private void startEagerly(TaskImpl<?> creator, TaskImpl<?> t) {
		// newTask made sure of the stack (StackReserve) before it registered t
		BatonWorker self = Objects.requireNonNull(creator.worker);
		BatonWorker w = idleWorkers.isEmpty() ? newWorker() : idleWorkers.pop();
		w.assigned = t;
		t.eagerCreator = self;
		endStep(creator);
		currentTask = null;
		// the creator is next whatever the eager step does (it finishes, or suspends at once): as for two
		// coroutines taking turns, a short step hands the baton back while we spin, with no park and no wake-up
		spinningSwitchTo(self, w, creator);
		currentTask = creator;
		beginStep();
	}

	/**
	 * {@link #switchTo}, spinning a moment for the baton to come back where the policy says it pays
	 * ({@link #spinNow}), and recording how the spin went once the baton is back. A suspending task's hand-off
	 * is {@link #handOff} instead, whose frame is gone by the time the task parks.
	 *
	 * @param task the task on whose stack this runs, failed if the JVM cannot park that stack
	 *        ({@link #lostBaton}); null on a worker's own, shallow, stack
	 * @return false if the worker, parked idle, was dismissed by {@code close()} instead (it does not hold the
	 *         baton then)
	 */
	private boolean spinningSwitchTo(BatonWorker self, BatonWorker to, @Nullable TaskImpl<?> task) {
		boolean spin = spinNow();
		self.baton = false;
		giveBaton(to);
		boolean caught = spin && spinForBaton(self);
		try {
			awaitBaton(self);
		}
		catch (StackOverflowError e) {
			if (task == null) {
				throw e;
			}
			throw lostBaton(self, task, e);
		}
		if (self.exit) {
			return false; // every idle worker got the flag at once, none holds the loop
		}
		if (spin) {
			spinBackoff.spun(caught);
		}
		return true;
	}

	/** Its task {@code t} is done with: its body ended, or it was cancelled before it started. */
	private void taskEnded(BatonWorker self, TaskImpl<?> t) {
		endStep(t);
		currentTask = null;
		self.task = null;
		t.worker = null;
		tasks.remove(t);
		if (observer != null) {
			observer.taskDone(t.isCancelled());
		}
	}
	// ------------------------------------------------------------------ what the superclasses ask of the baton

	@Override
	boolean finishClosing() {
		return closing.maybeFinish();
	}

	@Override
	void idleInterrupted(BatonWorker self) {
		interrupted(self);
	}

	@Override
	void startFirstStepNow(TaskImpl<?> creator, TaskImpl<?> t) {
		startEagerly(creator, t);
	}

	// ------------------------------------------------------------------ closing

	@Override
	public void close() {
		closing.close();
	}

	/** @return false if this loop is closed, and will not fail the awaiter when it closes */
	boolean addForeignAwaiter(LoopClosedListener w) {
		return closing.addForeignAwaiter(w);
	}

	void removeForeignAwaiter(LoopClosedListener w) {
		closing.removeForeignAwaiter(w);
	}

	/** @return how many of this loop's threads are alive; zero once {@link #close()} returned */
	public int liveThreads() {
		return liveThreads.get();
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
}
