package io.github.reactorasyncio;

/**
 * A call that the object's current state does not allow, such as the result of a pending {@link Future}
 * or setting the result of a future that is already done: Python's {@code asyncio.InvalidStateError}.
 * The message names the state.
 */
public class InvalidStateException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception with a message naming the operation and the state.
	 *
	 * @param message what was asked and in which state
	 */
	public InvalidStateException(String message) {
		super(message);
	}
}
