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

	/**
	 * The line the default exception handler logs: the message, then the task's name once (CPython's
	 * {@code default_exception_handler} prints the message, then each other field of the context).
	 */
	public static String format(ExceptionContext context) {
		String message = context.message().isEmpty() ? "Unhandled exception in event loop" : context.message();
		String name = context.taskName();
		if (name == null && context.task() != null) {
			name = context.task().name();
		}
		return name != null ? message + " (task " + name + ")" : message;
	}
}
