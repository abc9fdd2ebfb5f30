package io.github.reactorasyncio.internal;

import java.util.Objects;
import java.util.function.Consumer;

import io.github.reactorasyncio.ExceptionContext;
import org.jspecify.annotations.Nullable;
import reactor.util.Logger;

/**
 * A loop's error reporting: its exception handler (CPython's {@code loop.set_exception_handler}) and the default
 * one, which logs.
 *
 * <p>{@link EventLoopApi} owns one and delegates its {@code callExceptionHandler}, {@code
 * defaultExceptionHandler} and handler accessors to it; everything else that reports (callbacks that threw,
 * exceptions never retrieved, {@link Reports}) goes through the loop, which calls {@link #call} on the loop or,
 * once it is closed, {@link #defaultSafely}. Nothing here may throw back into the loop: a broken handler's error
 * goes to the default handler, and a failing default handler is logged.
 */
final class LoopExceptions {

	// the loop's, taken when the loop is created (not once per class: Reactor's test loggers capture only the
	// loggers created after capture was enabled)
	private final Logger log;

	LoopExceptions(Logger log) {
		this.log = log;
	}

	private volatile @Nullable Consumer<ExceptionContext> handler;

	@Nullable Consumer<ExceptionContext> handler() {
		return handler;
	}

	void setHandler(@Nullable Consumer<ExceptionContext> handler) {
		this.handler = handler;
	}

	/** Hands the context to the handler, or to the default one when there is none. */
	void call(ExceptionContext context) {
		Objects.requireNonNull(context, "context");
		Consumer<ExceptionContext> h = handler;
		if (h == null) {
			defaultSafely(context);
			return;
		}
		try {
			h.accept(context);
		}
		catch (Throwable e) {
			// CPython hands a broken custom handler's error to the default handler, naming the context it was given
			defaultSafely(new ExceptionContext("Unhandled error in exception handler; context: "
					+ Reports.format(context) + (context.exception() != null ? ": " + context.exception() : ""), e,
					context.task(), null));
		}
	}

	void defaultSafely(ExceptionContext context) {
		try {
			defaultHandler(context);
		}
		catch (Throwable e) {
			log.error("Exception in default exception handler", e);
		}
	}

	/** The default handler: logs the message (and the task's name once) with the exception, if any. */
	void defaultHandler(ExceptionContext context) {
		Objects.requireNonNull(context, "context");
		Throwable e = context.exception();
		if (e != null) {
			log.error(Reports.format(context), e);
		}
		else {
			log.error(Reports.format(context));
		}
	}
}
