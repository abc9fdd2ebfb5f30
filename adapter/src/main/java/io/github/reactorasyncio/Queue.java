package io.github.reactorasyncio;

import java.util.ArrayDeque;
import java.util.Objects;

import io.github.reactorasyncio.internal.LoopBinding;

/**
 * A FIFO queue between tasks of one loop: Python's {@code asyncio.Queue}, with the 3.13
 * {@link #shutdown()}. Bounded by {@code maxsize} ({@code 0} or less is unbounded): {@link #put} suspends
 * while the queue is full and {@link #get} while it is empty. {@link #join()} waits until every item put
 * was marked done with {@link #taskDone()}.
 *
 * {@snippet file="JavadocSnippets.java" region="Queue"}
 *
 * <p>Blocked getters and putters are woken FIFO. A getter woken by a put but cancelled before it took the
 * item leaves it in the queue and wakes the next getter (a putter likewise passes the free slot on), so
 * cancellation never loses an item or a wake-up. As in CPython, a woken task re-checks on resuming, so a
 * {@link #getNowait()} in between may take the item first. Not thread-safe: the queue binds to the loop
 * on which it is first used; use from another loop or thread throws {@link IllegalStateException}.
 * Items may not be {@code null}. {@link LifoQueue} and {@link PriorityQueue} change only the order of
 * items.
 *
 * @param <T> the item type
 */
public sealed class Queue<T> permits LifoQueue, PriorityQueue {

	/** Whether the queue accepts items. */
	public enum State {
		/** Puts and gets work. */
		OPEN,
		/** After {@link #shutdown()}: puts throw; gets drain what is left, then throw. */
		SHUT_DOWN
	}

	private final LoopBinding binding = new LoopBinding();
	private final java.util.Queue<T> items;
	private final int maxsize;
	private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
	private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
	private final Event finished = Event.create();
	private int unfinishedTasks;
	private boolean shutDown;

	Queue(int maxsize, java.util.Queue<T> items) {
		this.maxsize = maxsize;
		this.items = items;
		finished.set();
	}

	/**
	 * An unbounded FIFO queue, bound to the loop on which it is first used.
	 *
	 * @param <T> the item type
	 * @return the queue
	 */
	public static <T> Queue<T> create() {
		return new Queue<>(0, new ArrayDeque<>());
	}

	/**
	 * A FIFO queue holding at most {@code maxsize} items.
	 *
	 * @param maxsize the capacity; {@code 0} or less for unbounded
	 * @param <T> the item type
	 * @return the queue
	 */
	public static <T> Queue<T> create(int maxsize) {
		return new Queue<>(maxsize, new ArrayDeque<>());
	}

	/** {@return the capacity; {@code 0} or less means unbounded} */
	public final int maxsize() {
		return maxsize;
	}

	/** {@return the number of items in the queue} */
	public final int qsize() {
		return items.size();
	}

	/** {@return whether the queue has no item} */
	public final boolean empty() {
		return items.isEmpty();
	}

	/** {@return whether a bounded queue holds {@code maxsize} items; never for an unbounded one} */
	public final boolean full() {
		return maxsize > 0 && items.size() >= maxsize;
	}

	/** {@return the current state} */
	public final State state() {
		return shutDown ? State.SHUT_DOWN : State.OPEN;
	}

	/**
	 * Puts an item, suspending the coroutine while the queue is full. Returns at once if there is room.
	 *
	 * @param item the item
	 * @throws QueueShutDownException if the queue is or becomes shut down
	 * @throws CancelledError if the task is cancelled while waiting; the item is not put
	 * @throws IllegalStateException outside a coroutine of the queue's loop
	 */
	public final void put(T item) {
		Objects.requireNonNull(item, "item");
		binding.check(this);
		while (full()) {
			if (shutDown) {
				throw shutDownException("put()");
			}
			Future<Void> putter = binding.require(this).createFuture();
			putters.addLast(putter);
			try {
				LoopBinding.await(putter);
			}
			catch (RuntimeException | Error e) {
				putter.cancel();
				putters.remove(putter);
				// woken for a free slot we will not use: pass it on
				if (!full() && !putter.isCancelled()) {
					wakeUpNext(putters);
				}
				throw e;
			}
		}
		putNowait(item);
	}

	/**
	 * Puts an item if there is room, without suspending.
	 *
	 * @param item the item
	 * @throws QueueFullException if the queue is full
	 * @throws QueueShutDownException if the queue is shut down
	 */
	public final void putNowait(T item) {
		Objects.requireNonNull(item, "item");
		binding.check(this);
		if (shutDown) {
			throw shutDownException("putNowait()");
		}
		if (full()) {
			throw new QueueFullException("putNowait() on " + this + ": it is full. Use put() to wait for room.");
		}
		items.add(item);
		unfinishedTasks++;
		finished.clear();
		wakeUpNext(getters);
	}

	/**
	 * Removes and returns an item, suspending the coroutine while the queue is empty.
	 *
	 * @return the item
	 * @throws QueueShutDownException if the queue is shut down and empty
	 * @throws CancelledError if the task is cancelled while waiting; no item is taken
	 * @throws IllegalStateException outside a coroutine of the queue's loop
	 */
	public final T get() {
		binding.check(this);
		while (empty()) {
			if (shutDown) {
				throw shutDownException("get()");
			}
			Future<Void> getter = binding.require(this).createFuture();
			getters.addLast(getter);
			try {
				LoopBinding.await(getter);
			}
			catch (RuntimeException | Error e) {
				getter.cancel();
				getters.remove(getter);
				// woken by a put whose item we will not take: wake the next getter for it
				if (!empty() && !getter.isCancelled()) {
					wakeUpNext(getters);
				}
				throw e;
			}
		}
		return getNowait();
	}

	/**
	 * Removes and returns an item if there is one, without suspending.
	 *
	 * @return the item
	 * @throws QueueEmptyException if the queue is empty
	 * @throws QueueShutDownException if the queue is shut down and empty
	 */
	public final T getNowait() {
		binding.check(this);
		T item = items.poll();
		if (item == null) {
			if (shutDown) {
				throw shutDownException("getNowait()");
			}
			throw new QueueEmptyException("getNowait() on " + this + ": it is empty. Use get() to wait for an item.");
		}
		wakeUpNext(putters);
		return item;
	}

	/**
	 * Marks one item taken by a get as processed; when every item put has been marked, {@link #join()}
	 * returns. Never suspends.
	 *
	 * @throws InvalidStateException if called more times than items were put
	 */
	public final void taskDone() {
		binding.check(this);
		if (unfinishedTasks <= 0) {
			throw new InvalidStateException("taskDone() on " + this + ": no item is unfinished, so it was called "
					+ "more times than items were put. Call it once per item taken with get().");
		}
		unfinishedTasks--;
		if (unfinishedTasks == 0) {
			finished.set();
		}
	}

	/**
	 * Suspends until every item put has been marked done with {@link #taskDone()}; returns at once if
	 * none is unfinished.
	 *
	 * @throws CancelledError if the task is cancelled while waiting
	 */
	public final void join() {
		binding.check(this);
		if (unfinishedTasks > 0) {
			finished.await();
		}
	}

	/** As {@link #shutdown(boolean)} without {@code immediate}: gets may drain the items left. */
	public final void shutdown() {
		shutdown(false);
	}

	/**
	 * Shuts the queue down (Python 3.13): every put, waiting or not, throws {@link QueueShutDownException},
	 * and so do gets once the queue is empty. Waiting getters and putters are woken to see it. Never
	 * suspends; shutting down again only applies {@code immediate}.
	 *
	 * @param immediate also drop the items left, marking them done, so that gets throw at once and
	 *        {@link #join()} returns
	 */
	public final void shutdown(boolean immediate) {
		binding.check(this);
		shutDown = true;
		if (immediate) {
			while (items.poll() != null) {
				if (unfinishedTasks > 0) {
					unfinishedTasks--;
				}
			}
			if (unfinishedTasks == 0) {
				finished.set();
			}
		}
		// every waiter re-checks and sees the shutdown
		Future<Void> w;
		while ((w = getters.pollFirst()) != null) {
			LoopBinding.wake(w, null);
		}
		while ((w = putters.pollFirst()) != null) {
			LoopBinding.wake(w, null);
		}
	}

	private static void wakeUpNext(ArrayDeque<Future<Void>> waiters) {
		Future<Void> w;
		while ((w = waiters.pollFirst()) != null) {
			if (LoopBinding.wake(w, null)) {
				return;
			}
		}
	}

	private QueueShutDownException shutDownException(String what) {
		return new QueueShutDownException(what + " on " + this + ": the queue was shut down"
				+ (what.startsWith("get") ? " and is empty." : "; it accepts no more items."));
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + state() + ", maxsize=" + maxsize + ", qsize=" + items.size()
				+ ", getters=" + getters.size() + ", putters=" + putters.size() + ", unfinished=" + unfinishedTasks
				+ "]";
	}
}
