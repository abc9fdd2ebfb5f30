package io.github.reactorasyncio;

import java.util.Comparator;
import java.util.Objects;

/**
 * A {@link Queue} that returns the smallest item first: Python's {@code asyncio.PriorityQueue}. The order
 * is the items' natural order or a given comparator; as with Python's {@code heapq}, equal items come out
 * in no particular order (add a sequence number to the key for FIFO among equals). Everything but the
 * order of items is as in {@link Queue}.
 *
 * @param <T> the item type
 */
public final class PriorityQueue<T> extends Queue<T> {

	private PriorityQueue(int maxsize, java.util.PriorityQueue<T> heap) {
		super(maxsize, heap);
	}

	/**
	 * An unbounded priority queue in the items' natural order. As with {@code java.util.PriorityQueue}, the
	 * items must be {@link Comparable}; one that is not makes the put throw {@link ClassCastException}.
	 *
	 * @param <T> the item type
	 * @return the queue
	 */
	public static <T> PriorityQueue<T> create() {
		return new PriorityQueue<>(0, new java.util.PriorityQueue<>());
	}

	/**
	 * A priority queue in the items' natural order, holding at most {@code maxsize} items. The items must
	 * be {@link Comparable}, as for {@link #create()}.
	 *
	 * @param maxsize the capacity; {@code 0} or less for unbounded
	 * @param <T> the item type
	 * @return the queue
	 */
	public static <T> PriorityQueue<T> create(int maxsize) {
		return new PriorityQueue<>(maxsize, new java.util.PriorityQueue<>());
	}

	/**
	 * A priority queue ordered by the comparator, holding at most {@code maxsize} items.
	 *
	 * @param maxsize the capacity; {@code 0} or less for unbounded
	 * @param comparator smallest first
	 * @param <T> the item type
	 * @return the queue
	 */
	public static <T> PriorityQueue<T> create(int maxsize, Comparator<? super T> comparator) {
		Objects.requireNonNull(comparator, "comparator");
		return new PriorityQueue<>(maxsize, new java.util.PriorityQueue<>(comparator));
	}
}
