package io.github.reactorasyncio;

/**
 * Thrown by a {@link Queue} after {@link Queue#shutdown()}: by every put, and by gets once the queue is
 * empty: Python's {@code asyncio.QueueShutDown} (3.13). Tasks suspended in {@code put} or {@code get}
 * when the queue shuts down get it too.
 */
public class QueueShutDownException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception with a message naming the queue and what was attempted.
	 *
	 * @param message which queue, and what was attempted
	 */
	public QueueShutDownException(String message) {
		super(message);
	}
}
