package io.github.reactorasyncio;

/**
 * Thrown by {@link Queue#putNowait(Object)} when a bounded queue holds {@code maxsize} items: Python's
 * {@code asyncio.QueueFull}. Use {@link Queue#put(Object)} to wait for room instead.
 */
public class QueueFullException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception with a message naming the queue and its state.
	 *
	 * @param message which queue, and in what state
	 */
	public QueueFullException(String message) {
		super(message);
	}
}
