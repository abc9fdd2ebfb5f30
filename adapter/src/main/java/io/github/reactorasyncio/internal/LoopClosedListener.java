package io.github.reactorasyncio.internal;

import io.github.reactorasyncio.Future;

/**
 * Whoever waits on a future of a loop from outside it (a task of another loop, a subscriber of
 * {@code toMono()}, a {@code toCompletableFuture()} view): told when that loop closes with the future still pending, since nothing will complete
 * it then, so that it fails with {@link #stranded} instead of waiting forever. {@link LoopClosing} keeps the
 * listeners of its loop and calls each once.
 */
interface LoopClosedListener {

	/** The loop of the awaited future closed; called once, on the closing loop's last worker. */
	void loopClosed(EventLoopImpl closed);

	/** The one error of every waiter a closed loop would strand; {@code who} says who waited and how. */
	static IllegalStateException stranded(String who, Future<?> future, EventLoopImpl closed, String advice) {
		return new IllegalStateException(who + " awaited " + future + " of " + closed + ", which closed before "
				+ "completing it. Nothing runs on a closed loop: complete or cancel its futures before closing it"
				+ advice + ".");
	}
}
