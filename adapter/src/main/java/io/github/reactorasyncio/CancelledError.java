package io.github.reactorasyncio;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at an await point of a cancelled {@link Task}, and by {@link Future#result()} of a cancelled
 * future: Python's {@code asyncio.CancelledError}.
 *
 * <p>It is an {@link Error}, not an {@link Exception}, for the reason Python 3.8 made {@code CancelledError}
 * a {@code BaseException}: the retry loop everyone writes, {@code catch (Exception e) { ... }}, must not
 * swallow a cancel (or the timeout that a cancel implements). {@code ThreadDeath} was the JDK's precedent.
 * To clean up on cancel, catch it by name and re-throw it:
 * {@snippet file="JavadocSnippets.java" region="CancelledError"}
 * A task whose body swallows it completes normally instead of being cancelled (debug mode reports that, with
 * where the cancel landed).
 *
 * <p>Outside the library a cancellation keeps its usual Java form: {@link Future#toCompletableFuture()} of a
 * cancelled future is a cancelled {@code CompletableFuture} (a {@code CancellationException} whose cause is
 * this error), and awaiting a cancelled {@code CompletableFuture} throws this error (with that
 * {@code CancellationException} as its cause). A {@code Mono} of a cancelled task signals it as
 * {@code onError}; Reactor does not treat it as fatal ({@code Exceptions.throwIfJvmFatal} only rethrows
 * {@code VirtualMachineError}, {@code LinkageError} and {@code ThreadDeath}).
 */
public class CancelledError extends Error {

	private static final long serialVersionUID = 1L;

	/** A cancellation with no message. */
	public CancelledError() {
		super();
	}

	/**
	 * A cancellation with the message given to {@link Future#cancel(String)}.
	 *
	 * @param message the cancel message, or {@code null}
	 */
	public CancelledError(@Nullable String message) {
		super(message);
	}
}
