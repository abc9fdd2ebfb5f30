package io.github.reactorasyncio;

/**
 * Thrown by {@link Queue#getNowait()} when the queue has no item: Python's {@code asyncio.QueueEmpty}.
 * Use {@link Queue#get()} to wait for one instead.
 */
public class QueueEmptyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * @param message which queue, and in what state
	 */
	public QueueEmptyException(String message) {
		super(message);
	}
}
