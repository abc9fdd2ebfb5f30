package io.github.reactorasyncio.internal;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * What the loop runs next, and how work gets in: the ready queue (FIFO callbacks and task steps), the inbox
 * through which other threads reach it, the timers, the loop's clock, and the idle wait when nothing is ready.
 *
 * <p>Whichever thread holds the baton ({@link EventLoopImpl}) asks {@link #next} for the next item and runs it.
 * {@code next} runs the items in batches: each batch is what was ready when it began, plus the inbox drained
 * and the due timers fired at that moment, so a resumed coroutine never overtakes older ready work and a
 * callback that keeps re-posting itself cannot starve timers or other threads' work. With nothing ready the
 * holder parks until the earliest timer, a {@link #post} from another thread ({@link #wake}) or, on a virtual
 * clock, a nudge from {@link VirtualClockSync}. The fields marked loop-confined are touched only by the baton
 * holder.
 *
 * <p>A superclass of the loop rather than an object it holds, for the same reason as {@link StepTiming}: every
 * switch runs {@code next}, {@code post} or {@code resume}, and the queue's fields are then the loop's own.
 * The two things the queue needs from the rest of the loop, it asks through the abstract
 * {@link #finishClosing} and {@link #idleInterrupted}; the only implementation is final, so each call binds
 * statically.
 */
abstract sealed class ReadyQueue extends StepTiming permits EventLoopApi {

	static final int OPEN = 0, CLOSING = 1, CLOSED = 2;

	private final @Nullable Scheduler clock;
	// with a clock only: what keeps the loop in step with it
	private final @Nullable VirtualClockSync clockSync;
	private final long origin = System.nanoTime();

	// loop-confined
	final ArrayDeque<Runnable> ready = new ArrayDeque<>();
	final TimerQueue timers = new TimerQueue();
	final TaskRegistry tasks = new TaskRegistry();
	private int batch;

	// read racily by any thread (here and by LoopRegistry): a thread only ever compares it with itself, and
	// never sees itself stale
	@Nullable Thread holderThread;

	// thread-safe
	final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
	private volatile @Nullable Thread sleeper;
	volatile int state = OPEN;
	// what threads outside the loop wait on (run, runForever, close, a virtual clock's idle); closing notifies it
	final Object monitor = new Object();

	/** @param clock the scheduler whose clock the loop follows, or null for the system clock */
	ReadyQueue(@Nullable Scheduler clock) {
		this.clock = clock;
		this.clockSync = clock != null ? new VirtualClockSync(this, clock) : null;
	}

	/**
	 * Called when the loop has no ready work and is not OPEN.
	 *
	 * @return true once the loop is closed: {@link #next} then returns null
	 */
	abstract boolean finishClosing();

	/** Called when the thread of {@code self} was interrupted while the loop was idle on it. */
	abstract void idleInterrupted(BatonWorker self);

	/** The next item to run, waiting idle (still holding the baton) while there is none. */
	final @Nullable Runnable next(BatonWorker self) {
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
			if (state != OPEN && finishClosing()) {
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
		TimerQueue.Timed next = timers.peek();
		if (next != null) {
			timeout = next.deadline() - time();
			if (timeout <= 0) {
				return;
			}
		}
		if (clockSync != null) {
			clockSync.loopIdle(next != null ? next.deadline() : Long.MAX_VALUE, timeout);
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
			idleInterrupted(self);
		}
	}

	/**
	 * Blocks the calling (non-loop) thread until the loop has run out of ready work. Used with a virtual
	 * clock so that advancing virtual time runs everything that the advance made ready before returning.
	 */
	public final void awaitIdle() {
		VirtualClockSync sync = clockSync;
		if (sync != null && !inLoopThread()) {
			sync.awaitIdle();
		}
	}

	/** Unparks the loop if it is idle, so that it drains the inbox. */
	final void wake() {
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
	final void post(Runnable r) {
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
	final boolean postIfOpen(Runnable r) {
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

	/** Schedules a task's next step (a resume or its first step); thread-safe. */
	final void resume(TaskImpl<?> t) {
		post(t);
	}

	/** Puts back the item {@link #next} just returned, to be returned again first (by another worker). */
	final void putBack(Runnable item) {
		ready.addFirst(item);
		batch++;
	}

	/** Schedules a task's next step from the loop itself, after the ready work: used by yield. */
	final void readyNow(TaskImpl<?> t) {
		ready.add(t);
	}

	/** @return whether the calling thread holds this loop's baton */
	public final boolean inLoopThread() {
		return Thread.currentThread() == holderThread;
	}

	/** Counts a new task among the loop's live ones; on the loop. */
	final void register(TaskImpl<?> t) {
		if (observer != null) {
			observer.taskCreated();
		}
		tasks.add(t);
	}

	/** @return the scheduler whose clock this loop follows, or null for the system clock */
	public final @Nullable Scheduler clock() {
		return clock;
	}

	/** {@return the loop's time in nanoseconds: the clock scheduler's, or the system's since the loop began} */
	public final long time() {
		Scheduler c = clock;
		return c != null ? c.now(TimeUnit.NANOSECONDS) : System.nanoTime() - origin;
	}
}
