package io.github.reactorasyncio;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

import io.github.reactorasyncio.internal.Bridge;
import io.github.reactorasyncio.internal.Sneaky;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * A deadline for a block of code in the current task: Python's {@code asyncio.Timeout}, what
 * {@code async with asyncio.timeout(delay) as t:} makes. {@link Async#timeout(Duration, Coroutine)} is the
 * short form; use this object to move the deadline while the block runs or to ask afterwards whether it
 * expired:
 *
 * {@snippet file="JavadocSnippets.java" region="Timeout"}
 *
 * <p>The block runs in the current task, not a new one. At the deadline (a {@code callAt} timer on the
 * loop's clock, so virtual time works) the task is cancelled; the await where it is suspended throws
 * {@link CancelledError}, and when that leaves the block it becomes
 * {@link java.util.concurrent.TimeoutException} (with the {@code CancelledError} as its cause).
 * Cancel counting ({@link Task#cancelling()}/{@link Task#uncancel()}, exactly as CPython 3.12
 * {@code timeouts.py}) tells this timeout's cancellation from any other: if the task was also cancelled
 * from outside, the {@code CancelledError} passes through unchanged and the outer cancel is never
 * swallowed; nested timeouts each convert only their own. A block that catches the
 * {@code CancelledError} and returns normally returns normally, as in Python ({@link #expired()} still
 * tells).
 *
 * <p>Unlike Reactor's {@code Mono.timeout}, which subscribes to a fallback or errors the pipeline while the
 * source is cancelled behind it, this interrupts straight-line code at whichever await it is in.
 *
 * <p>Loop-confined: create, run and reschedule it from the task that runs the block. One instance runs one
 * block.
 */
public final class Timeout {

	/** The life of a timeout, as CPython's {@code timeouts._State}. */
	public enum State {
		/** Made, block not started. */
		CREATED,
		/** The block is running and the deadline has not passed. */
		ENTERED,
		/** The deadline passed and the task was cancelled; the block has not finished yet. */
		EXPIRING,
		/** The block finished after the deadline passed. */
		EXPIRED,
		/** The block finished before the deadline. */
		EXITED
	}

	private @Nullable Long when;
	private State state = State.CREATED;
	private @Nullable Task<?> task;
	private @Nullable EventLoop loop;
	private @Nullable Disposable handle;
	private int cancelling;

	private Timeout(@Nullable Long when) {
		this.when = when;
	}

	/**
	 * A timeout that expires {@code delay} from now on the current loop's clock: Python's
	 * {@code asyncio.timeout(delay)}. A zero or negative delay expires at the block's first suspension.
	 *
	 * @param delay how long the block may take, or {@code null} for no deadline (set one later with
	 *        {@link #reschedule})
	 * @return a timeout to {@link #run} a block with
	 * @throws IllegalStateException outside a coroutine or loop callback
	 */
	public static Timeout after(@Nullable Duration delay) {
		if (delay == null) {
			return new Timeout(null);
		}
		return new Timeout(deadline(Async.currentLoop(), delay));
	}

	/**
	 * A timeout that expires when the loop's {@link EventLoop#time() clock} reaches {@code when}: Python's
	 * {@code asyncio.timeout_at(when)}.
	 *
	 * @param when the deadline in loop nanoseconds, or {@code null} for none
	 * @return a timeout to {@link #run} a block with
	 */
	public static Timeout at(@Nullable Long when) {
		return new Timeout(when);
	}

	/** Saturates rather than overflowing, so that "a very long time" stays in the future. */
	static long deadline(EventLoop loop, Duration delay) {
		long now = loop.time();
		long nanos;
		try {
			nanos = delay.toNanos();
		}
		catch (ArithmeticException e) {
			nanos = delay.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE;
		}
		long sum = now + nanos;
		if (((now ^ sum) & (nanos ^ sum)) < 0) {
			return nanos > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
		}
		return sum;
	}

	/** {@return the deadline in loop nanoseconds, or {@code null} for none} */
	public @Nullable Long when() {
		return when;
	}

	/** {@return where this timeout is in its life} */
	public State state() {
		return state;
	}

	/** {@return whether the deadline passed while the block ran (it is {@code EXPIRING} or {@code EXPIRED})} */
	public boolean expired() {
		return state == State.EXPIRING || state == State.EXPIRED;
	}

	/**
	 * Moves the deadline of a running block: Python's {@code Timeout.reschedule}. A deadline already past
	 * expires the timeout soon (at the next loop iteration). Call it from the task running the block.
	 *
	 * @param when the new deadline in loop nanoseconds, or {@code null} for none
	 * @throws InvalidStateException unless the block is running and the timeout has not expired
	 */
	public void reschedule(@Nullable Long when) {
		checkEntered();
		this.when = when;
		Disposable h = handle;
		if (h != null) {
			h.dispose();
		}
		EventLoop l = Objects.requireNonNull(loop);
		if (when == null) {
			handle = null;
		}
		else if (when <= l.time()) {
			handle = l.callSoon(this::onTimeout);
		}
		else {
			handle = l.callAt(when, this::onTimeout);
		}
	}

	private void checkEntered() {
		if (state != State.ENTERED) {
			throw new InvalidStateException("Timeout.reschedule() of a timeout that is " + state + ": "
					+ (state == State.CREATED ? "call it inside run(...)." : "it can only move a deadline that has not passed, while the block runs."));
		}
	}

	/**
	 * Moves the deadline of a running block to {@code delay} from now on the loop's clock: the
	 * {@code Duration} form of {@link #reschedule(Long)}, i.e. Python's
	 * {@code t.reschedule(loop.time() + delay)}. A zero or negative delay expires the timeout soon.
	 *
	 * @param delay the time the block may still take, or {@code null} for no deadline
	 * @throws InvalidStateException unless the block is running and the timeout has not expired
	 */
	public void rescheduleAfter(@Nullable Duration delay) {
		checkEntered();
		reschedule(delay == null ? null : deadline(Objects.requireNonNull(loop), delay));
	}

	/**
	 * Runs the block in the current task under this deadline: Python's {@code async with timeout:}.
	 *
	 * @param body the block; it runs at once, on the calling task
	 * @param <T> its result type
	 * @return what the block returned
	 * @throws TimeoutException if the deadline passed and the block ended with the resulting
	 *         {@link CancelledError}; the block has stopped at the await it was in
	 * @throws CancelledError if the task was cancelled from outside, even if the deadline passed too
	 * @throws InvalidStateException if this timeout already ran a block
	 * @throws IllegalStateException outside a coroutine
	 * @throws Exception what the block threw, the same instance
	 */
	public <T extends @Nullable Object> T run(Coroutine<T> body) throws Exception {
		Objects.requireNonNull(body, "body");
		enter();
		T result;
		try {
			result = body.call();
		}
		catch (Throwable e) {
			throw Sneaky.rethrow(Objects.requireNonNull(exit(e)));
		}
		exit(null);
		return result;
	}

	private void enter() {
		if (state != State.CREATED) {
			throw new InvalidStateException("Timeout.run() of a timeout that is " + state
					+ ": a Timeout runs one block; make a new one with Timeout.after(...).");
		}
		Task<?> t = Bridge.runningTask("Timeout.run()");
		task = t;
		loop = t.loop();
		state = State.ENTERED;
		cancelling = t.cancelling();
		reschedule(when);
	}

	/** CPython's {@code __aexit__}: returns what the block should throw (null for a block that returned). */
	private @Nullable Throwable exit(@Nullable Throwable error) {
		Disposable h = handle;
		if (h != null) {
			h.dispose();
			handle = null;
		}
		if (state == State.EXPIRING) {
			state = State.EXPIRED;
			// Only when no other cancel request arrived meanwhile is the CancelledError ours to convert.
			if (Objects.requireNonNull(task).uncancel() <= cancelling && error instanceof CancelledError) {
				TimeoutException timeout = new TimeoutException("The timeout expired (deadline " + when
						+ " ns of loop time) while the block was still running; it was cancelled at the await "
						+ "it was in. Give it more time or handle the TimeoutException.");
				timeout.initCause(error);
				return timeout;
			}
		}
		else if (state == State.ENTERED) {
			state = State.EXITED;
		}
		return error;
	}

	private void onTimeout() {
		if (state != State.ENTERED) {
			return;
		}
		Objects.requireNonNull(task).cancel();
		state = State.EXPIRING;
		handle = null;
	}

	@Override
	public String toString() {
		return "Timeout[" + state + (when != null ? ", when=" + when : "") + "]";
	}
}
