package io.github.reactorasyncio.internal;

import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.ExceptionContext;

/** Lets the public package reach a loop's exception handler, which is not part of the API. */
public final class Reports {

	private Reports() {
	}

	/** Hands the context to the loop's exception handler (or its default, which logs). */
	public static void report(EventLoop loop, ExceptionContext context) {
		((EventLoopImpl) loop).reportException(context);
	}
}
