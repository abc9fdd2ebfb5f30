package io.github.reactorasyncio;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import io.github.reactorasyncio.internal.LoopBinding;

/**
 * A condition variable for tasks of one loop: Python's {@code asyncio.Condition}, with CPython 3.13's
 * fix that a waiter failing after it was notified passes the notification on. It owns a {@link Lock}
 * (its own, or one given to {@link #create(Lock)}); {@link #await()} releases it while waiting and holds
 * it again on return.
 *
 * {@snippet file="JavadocSnippets.java" region="Condition"}
 *
 * <p>Java names: Python's {@code wait()}, {@code wait_for()}, {@code notify()}, {@code notify_all()}
 * are {@link #await()}, {@link #awaitFor}, {@link #signal()}, {@link #signalAll()} here, as in
 * {@code java.util.concurrent.locks.Condition}, because {@code Object.wait()} and {@code notify()} are
 * final. Its state is that of its lock; the condition binds to the loop on which it is first used.
 */
public final class Condition {

	private final LoopBinding binding = new LoopBinding();
	private final Lock lock;
	private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();

	private Condition(Lock lock) {
		this.lock = lock;
	}

	/**
	 * A condition with a lock of its own.
	 *
	 * @return the condition
	 */
	public static Condition create() {
		return new Condition(Lock.create());
	}

	/**
	 * A condition over an existing lock, so that several conditions can share it.
	 *
	 * @param lock the lock that {@link #await()} releases and re-acquires
	 * @return the condition
	 */
	public static Condition create(Lock lock) {
		Objects.requireNonNull(lock, "lock");
		return new Condition(lock);
	}

	/**
	 * Acquires the underlying lock; see {@link Lock#acquire()}.
	 *
	 * @return a handle whose {@code close()} releases the lock
	 */
	public Held acquire() {
		return lock.acquire();
	}

	/** Releases the underlying lock; see {@link Lock#release()}. */
	public void release() {
		lock.release();
	}

	/** {@return whether the underlying lock is held} */
	public boolean locked() {
		return lock.locked();
	}

	/** {@return the state of the underlying lock} */
	public Lock.State state() {
		return lock.state();
	}

	/**
	 * Releases the lock, suspends until {@link #signal} picks this waiter, then re-acquires the lock
	 * before returning: Python's {@code Condition.wait()}. The lock is held again however this returns,
	 * even when cancelled (a cancel during the re-acquire is deferred until the lock is held).
	 *
	 * @throws InvalidStateException if the lock is not held
	 * @throws CancelledError if the task is cancelled while waiting; a notification it had
	 *         received is passed to the next waiter
	 * @throws IllegalStateException outside a coroutine of the condition's loop
	 */
	public void await() {
		binding.check(this);
		if (!lock.locked()) {
			throw new InvalidStateException("await() on " + this + ": its lock is " + Lock.State.UNLOCKED
					+ ". Acquire it first: try (Held h = cond.acquire()) { cond.await(); }");
		}
		Future<Boolean> fut = binding.require(this).createFuture();
		lock.release();
		try {
			try {
				waiters.addLast(fut);
				try {
					LoopBinding.await(fut);
				}
				finally {
					waiters.remove(fut);
				}
			}
			finally {
				reacquire();
			}
		}
		catch (RuntimeException | Error e) {
			// we may have been notified just before failing: a spurious wake-up of another waiter is
			// allowed, a lost notification is not
			notifyWaiters(1);
			throw e;
		}
	}

	/** Takes the lock back even if cancelled meanwhile, then re-throws the last cancellation. */
	private void reacquire() {
		CancelledError cancelled = null;
		for (;;) {
			try {
				lock.acquire();
				break;
			}
			catch (CancelledError e) {
				cancelled = e;
			}
		}
		if (cancelled != null) {
			throw cancelled;
		}
	}

	/**
	 * Waits until the predicate is true, checking it first and after each wake-up, with the lock held:
	 * Python's {@code Condition.wait_for()}.
	 *
	 * @param predicate evaluated on the loop with the lock held
	 * @throws InvalidStateException if the lock is not held
	 * @throws CancelledError if the task is cancelled while waiting
	 */
	public void awaitFor(BooleanSupplier predicate) {
		Objects.requireNonNull(predicate, "predicate");
		while (!predicate.getAsBoolean()) {
			await();
		}
	}

	/** Wakes the first waiter, if any: Python's {@code notify()}. */
	public void signal() {
		signal(1);
	}

	/**
	 * Wakes up to {@code n} waiters, FIFO: Python's {@code notify(n)}. Never suspends; the woken tasks run
	 * once the caller releases the lock.
	 *
	 * @param n how many
	 * @throws InvalidStateException if the lock is not held
	 */
	public void signal(int n) {
		binding.check(this);
		if (!lock.locked()) {
			throw new InvalidStateException("signal() on " + this + ": its lock is " + Lock.State.UNLOCKED
					+ ". Signal with the lock held: try (Held h = cond.acquire()) { cond.signal(); }");
		}
		notifyWaiters(n);
	}

	/**
	 * Wakes every waiter: Python's {@code notify_all()}.
	 *
	 * @throws InvalidStateException if the lock is not held
	 */
	public void signalAll() {
		signal(waiters.size());
	}

	private void notifyWaiters(int n) {
		int woken = 0;
		for (Future<Boolean> w : waiters) {
			if (woken >= n) {
				break;
			}
			if (!w.isDone()) {
				woken++;
				w.setResult(Boolean.FALSE);
			}
		}
	}

	@Override
	public String toString() {
		return "Condition[" + lock.state() + ", waiters=" + waiters.size() + "]";
	}
}
