package io.github.reactorasyncio;

import org.jspecify.annotations.Nullable;

/**
 * What an {@link EventLoop}'s exception handler receives: Python's exception-handler context dict.
 *
 * @param message what happened, e.g. {@code "Task exception was never retrieved"}
 * @param exception the exception, if any
 * @param task the task concerned, if any (absent for a task already collected)
 * @param taskName the name of the task concerned, if any
 */
public record ExceptionContext(String message, @Nullable Throwable exception, @Nullable Task<?> task,
		@Nullable String taskName) {
}
