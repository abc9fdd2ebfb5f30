package io.github.reactorasyncio;

/**
 * Thrown by {@link Queue#getNowait()} when the queue has no item: Python's {@code asyncio.QueueEmpty}.
 * Use {@link Queue#get()} to wait for one instead.
 */
public class QueueEmptyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception with a message naming the queue and its state.
	 *
	 * @param message which queue, and in what state
	 */
	public QueueEmptyException(String message) {
		super(message);
	}
}
