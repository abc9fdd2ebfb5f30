package io.github.reactorasyncio;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * A {@link Queue} that returns the most recently put item first: Python's {@code asyncio.LifoQueue}.
 * Everything but the order of items (waiters, bounds, {@code join}, {@code shutdown}) is as in
 * {@link Queue}.
 *
 * @param <T> the item type
 */
public final class LifoQueue<T> extends Queue<T> {

	private LifoQueue(int maxsize) {
		super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
	}

	/**
	 * An unbounded LIFO queue, bound to the loop on which it is first used.
	 *
	 * @param <T> the item type
	 * @return the queue
	 */
	public static <T> LifoQueue<T> create() {
		return new LifoQueue<>(0);
	}

	/**
	 * A LIFO queue holding at most {@code maxsize} items.
	 *
	 * @param maxsize the capacity; {@code 0} or less for unbounded
	 * @param <T> the item type
	 * @return the queue
	 */
	public static <T> LifoQueue<T> create(int maxsize) {
		return new LifoQueue<>(maxsize);
	}
}
