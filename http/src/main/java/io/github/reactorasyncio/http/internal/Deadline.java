package io.github.reactorasyncio.http.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The total timeout of one request: a single timer, armed when the request starts, shared by the wait
 * for the response and the read of its body (one timer per request rather than one per phase).
 */
public final class Deadline implements Runnable {

	private final Sinks.One<Boolean> fired = Sinks.one();
	private final Disposable timer;
	private final Duration length;
	private volatile boolean passed;
	private volatile @Nullable Runnable action;

	public Deadline(Duration length) {
		this.length = length;
		this.timer = Schedulers.parallel().schedule(this, length.toNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public void run() {
		passed = true;
		fired.tryEmitValue(Boolean.TRUE);
		Runnable a = action;
		if (a != null) {
			a.run();
		}
	}

	/**
	 * Runs the action when the deadline passes, or now if it has. It may run twice if the two race, so it
	 * must be idempotent.
	 */
	public void whenPassed(Runnable action) {
		this.action = action;
		if (passed) {
			action.run();
		}
	}

	/** @return a Mono that signals when the deadline passes (at once if it has), for {@code timeout(Publisher)} */
	public Mono<Boolean> passed() {
		return fired.asMono();
	}

	/** @return the timeout's length */
	public Duration length() {
		return length;
	}

	/** Disarms the timer once the request needs it no more. */
	public void cancel() {
		timer.dispose();
	}
}
