package io.github.reactorasyncio;

/**
 * Thrown by {@link Barrier#await()} when the barrier is aborted, or reset while the task waits in it:
 * Python's {@code asyncio.BrokenBarrierError}. Unchecked, unlike
 * {@code java.util.concurrent.BrokenBarrierException}.
 */
public class BrokenBarrierException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception with a message saying what broke the barrier.
	 *
	 * @param message what broke the barrier
	 */
	public BrokenBarrierException(String message) {
		super(message);
	}
}
