package io.github.reactorasyncio.internal;

import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.Coroutine;
import io.github.reactorasyncio.ExceptionContext;
import io.github.reactorasyncio.Task;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * Python's {@code asyncio.Task}: drives a {@link Coroutine} on its loop. The fields below
 * {@code worker} are loop-confined; {@link #cancel(String)} from another thread is posted to the loop.
 */
public final class TaskImpl<T extends @Nullable Object> extends FutureImpl<T> implements Task<T>, Runnable {

	private static final java.util.concurrent.atomic.AtomicInteger IDS = new java.util.concurrent.atomic.AtomicInteger();

	final Coroutine<T> body;
	private final int id = IDS.incrementAndGet();
	// "Task-N" is made when asked for: a String per task would be a tenth of a suspended task's footprint
	private volatile @Nullable String name;
	/** The Reactor context awaits subscribe with: the subscriber's for {@code Async.mono}, else the parent's. */
	public final ContextView context;

	// the task's context variables (and saved MDC): see locals()
	private Locals locals = Locals.EMPTY;

	// what few tasks use (a bound context, cancel requests), in an object of its own made the first time: four
	// bytes here rather than twelve, so that a task is 88 bytes, not 96 (issue 14: bytes per suspended task)
	private @Nullable Rare rare;

	/** While the eager first step runs: the worker of the task that called createTask, waiting for it. */
	@Nullable BatonWorker eagerCreator;

	// loop-confined
	@Nullable BatonWorker worker;
	boolean registered;
	@Nullable TaskImpl<?> prevTask, nextTask;
	private @Nullable Awaiter<?> waiter;
	private boolean mustCancel;
	// Async.unawaited(...) was called: a Publisher or CompletionStage the body returns is its result on purpose
	boolean returnsUnawaited;
	// set while cancel() passes the request on to what this task awaits; see cancel()
	private boolean cancelPassingOn;

	TaskImpl(EventLoopImpl loop, Coroutine<T> body, @Nullable String name, ContextView context) {
		super(loop);
		this.body = body;
		this.name = name;
		this.context = context;
	}

	/** The fields of a task that few tasks use. Loop-confined. */
	private static final class Rare {
		@Nullable VarContextImpl boundContext;
		int cancelRequests;
		// debug mode only: where a cancel sent to this task was thrown into its body, to report one it swallowed
		@Nullable Throwable cancelLanded;
	}

	private Rare rare() {
		Rare r = rare;
		if (r == null) {
			r = rare = new Rare();
		}
		return r;
	}

	/**
	 * The context this task runs in when it was created with one ({@code createTask(coro, context)}) or is
	 * inside {@code VarContext.run}: {@link #locals} is loaded from it at each step's start and stored back
	 * at its end. Null for the usual task, whose {@link #locals} are its own copy. Loop-confined.
	 *
	 * @return the bound context, or null
	 */
	@Nullable VarContextImpl boundContext() {
		Rare r = rare;
		return r != null ? r.boundContext : null;
	}

	/** Binds this task to {@code context}, or unbinds it (null); see {@link #boundContext()}. Loop-confined. */
	void setBoundContext(@Nullable VarContextImpl context) {
		if (context != null || rare != null) {
			rare().boundContext = context;
		}
	}

	@Override
	public String name() {
		String n = name;
		return n != null ? n : "Task-" + id;
	}

	@Override
	public void setName(String name) {
		this.name = java.util.Objects.requireNonNull(name, "name");
	}

	/**
	 * The task's context variables (and saved MDC): an immutable snapshot, replaced on each set, taken from
	 * the creator when the task is made. Loop-confined.
	 *
	 * @return the current snapshot
	 */
	public Locals locals() {
		return locals;
	}

	/**
	 * Replaces the snapshot of context variables; only from the task itself or before it starts.
	 *
	 * @param locals the new snapshot
	 */
	public void setLocals(Locals locals) {
		this.locals = locals;
	}

	@Override
	String describe() {
		return "Task " + name();
	}

	/**
	 * The first step begins: whether the body is to run ({@link EventLoopImpl#nextBody} asks; the worker then calls
	 * it, and {@link #bodyThrew} or {@link #bodyReturned} follows); a task cancelled before it started completes
	 * CANCELLED instead.
	 */
	boolean startBody() {
		if (mustCancel) {
			mustCancel = false;
			complete(State.CANCELLED, null, null, cancelMessage, null);
			return false;
		}
		state = State.RUNNING;
		return true;
	}

	/** The body threw {@code e}; the worker holds the baton again ({@link EventLoopImpl#nextBody}). */
	void bodyThrew(Throwable e) {
		if (e instanceof CancelledError) {
			complete(State.CANCELLED, null, e, e.getMessage(), null);
		}
		else {
			complete(State.DONE, null, e, null, null);
		}
	}

	/** The body returned {@code result}; the worker holds the baton again ({@link EventLoopImpl#nextBody}). */
	void bodyReturned(@Nullable Object result) {
		@SuppressWarnings("unchecked")
		T value = (T) result; // what this task's body returned
		if (mustCancel) {
			// cancelled (by itself, say) after its last await: it ends CANCELLED, as CPython's __step does when
			// the coroutine stops with _must_cancel set (test_cancel_at_end)
			mustCancel = false;
			complete(State.CANCELLED, null, new CancelledError(cancelMessage), cancelMessage, null);
			return;
		}
		if ((value instanceof org.reactivestreams.Publisher<?> || value instanceof java.util.concurrent.Flow.Publisher<?>
				|| value instanceof java.util.concurrent.CompletionStage<?>) && !returnsUnawaited) {
			Throwable unawaited = Unawaited.check(this, value);
			if (unawaited != null) {
				complete(State.DONE, null, unawaited, null, null);
				return;
			}
		}
		Rare r = rare;
		Throwable landed = r != null ? r.cancelLanded : null;
		if (landed != null && r.cancelRequests > 0) {
			loop.reportException(new ExceptionContext(describe() + " swallowed the CancelledError of a cancel it was "
					+ "sent and returned normally, so it ends DONE instead of CANCELLED. A catch (CancelledError e) "
					+ "should clean up and re-throw e (or call uncancel() if the cancel is handled for good); the "
					+ "exception shows where the cancel landed.", landed, this, name()));
		}
		complete(State.DONE, value, null, null, null);
	}

	/** Debug mode: remembers where a cancel sent to this task is being thrown into its body. */
	private CancelledError landed(CancelledError e) {
		Rare r = rare;
		if (r != null && r.cancelRequests > 0 && loop.isDebug()) {
			r.cancelLanded = new Throwable("the cancel (" + e + ") was thrown into " + name() + " here");
		}
		return e;
	}

	/**
	 * Suspends this task (which must be the one running) until the awaiter completes or the task is
	 * cancelled: the single suspension point behind every await. The caller has made sure of the stack
	 * ({@link StackReserve#check}) before it set up {@code w}: a recursion too deep fails there, with nothing half
	 * done.
	 */
	<R extends @Nullable Object> R await(Awaiter<R> w) throws Exception {
		if (!w.suspend()) {
			return w.take();
		}
		waiter = w;
		if (mustCancel && w.cancel(cancelMessage)) {
			mustCancel = false;
		}
		// park(), inlined: every frame between the body and the park is kept on each suspended task's stack
		state = State.PENDING;
		int how = loop.handOff(this);
		if (how != EventLoopImpl.KEPT_BATON) {
			// the test after the park is a bytecode of its own: see EventLoopImpl.awaitBaton
			BatonWorker self = Objects.requireNonNull(worker);
			try {
				if (!self.baton) {
					do {
						LockSupport.park(loop);
						if (Thread.interrupted()) {
							loop.interrupted(self);
						}
					} while (!self.baton);
				}
			}
			catch (StackOverflowError e) {
				throw loop.lostBaton(self, this, e);
			}
		}
		loop.resumeStep(this, how);
		state = State.RUNNING;
		waiter = null;
		if (mustCancel) {
			mustCancel = false;
			w.discardLate();
			throw landed(new CancelledError(cancelMessage));
		}
		try {
			return w.take();
		}
		catch (CancelledError e) {
			throw landed(e);
		}
	}

	/** @return what this task is suspended on, if it is suspended in an await */
	@Nullable Awaiter<?> waiter() {
		return waiter;
	}

	/** Python's bare {@code yield}: runs again after the work that is ready now. */
	void yieldNow() {
		StackReserve.check(loop);
		loop.readyNow(this);
		park();
		if (mustCancel) {
			mustCancel = false;
			throw landed(new CancelledError(cancelMessage));
		}
	}

	/**
	 * Suspends this task, the one running, until its next step: {@link EventLoopImpl#handOff}, the park, and
	 * {@link EventLoopImpl#resumeStep}. {@link #await} has the same lines inlined, to keep a frame fewer on every
	 * suspended task's stack.
	 */
	private void park() {
		state = State.PENDING;
		int how = loop.handOff(this);
		if (how != EventLoopImpl.KEPT_BATON) {
			BatonWorker self = Objects.requireNonNull(worker);
			try {
				if (!self.baton) {
					do {
						LockSupport.park(loop);
						if (Thread.interrupted()) {
							loop.interrupted(self);
						}
					} while (!self.baton);
				}
			}
			catch (StackOverflowError e) {
				throw loop.lostBaton(self, this, e);
			}
		}
		loop.resumeStep(this, how);
		state = State.RUNNING;
	}

	@Override
	public boolean cancel(@Nullable String message) {
		if (!loop.inLoopThread()) {
			if (isDone()) {
				return false;
			}
			loop.post(() -> cancel(message));
			return true;
		}
		if (isDone()) {
			return false;
		}
		Awaiter<?> w = waiter;
		if (cancelPassingOn) {
			// Tasks awaiting each other in a cycle: the request came back round. Wake this task with the cancel
			// here rather than pass it on again (which would recurse until the stack overflows); the others
			// then wake with its outcome.
			if (w == null || !w.wakeCancelled()) {
				mustCancel = true;
			}
			return true;
		}
		rare().cancelRequests++;
		cancelMessage = message;
		if (w != null) {
			cancelPassingOn = true;
			try {
				if (w.cancel(message)) {
					return true;
				}
			}
			finally {
				cancelPassingOn = false;
			}
		}
		mustCancel = true;
		return true;
	}

	/** A task sits in the loop's ready queue as its own next step; the loop runs it, never this method. */
	@Override
	public void run() {
		throw new IllegalStateException("a task's steps are run by its event loop");
	}

	@Override
	public int cancelling() {
		Rare r = rare;
		return r != null ? r.cancelRequests : 0;
	}

	@Override
	public int uncancel() {
		Rare r = rare;
		if (r == null) {
			return 0;
		}
		if (r.cancelRequests > 0) {
			r.cancelRequests--;
			if (r.cancelRequests == 0) {
				mustCancel = false;
				r.cancelLanded = null;
			}
		}
		return r.cancelRequests;
	}

	@Override
	public void setResult(T value) {
		throw new UnsupportedOperationException("Task.setResult(): a task's result is what its coroutine returns.");
	}

	@Override
	public void setException(Throwable exception) {
		throw new UnsupportedOperationException("Task.setException(): a task's exception is what its coroutine throws.");
	}
}
