package io.github.reactorasyncio.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/** Awaits a loop timer; cancelling the sleeping task cancels the timer. */
final class SleepAwaiter extends Awaiter<@Nullable Void> implements Runnable {

	private final Disposable timer;

	SleepAwaiter(TaskImpl<?> task, Duration delay) {
		super(task);
		this.timer = task.loop.callLater(delay, this);
	}

	@Override
	public void run() {
		complete(null, null);
	}

	@Override
	void cancelSource(@Nullable String message) {
		timer.dispose();
	}
}
