package io.github.reactorasyncio.http.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.reactorasyncio.http.ClientTimeoutException;
import io.github.reactorasyncio.http.SessionClosedException;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The lifetime of one request: a single timer, armed when the request starts, shared by the wait for the
 * response and the read of its body (one timer per request rather than one per phase). It ends early when
 * the session closes ({@link #abort()}): whatever waits for {@link #passed()} then fails with
 * {@link #failure} instead of a timeout, and the connection is released by the same path as on a timeout.
 * While armed it sits in its session's set of live requests, which {@code ClientSession.close()} aborts.
 */
public final class Deadline implements Runnable {

	private static final Disposable NO_TIMER = () -> {
	};

	private final Sinks.One<Boolean> fired = Sinks.one();
	private final Disposable timer;
	private final Duration length;
	private final Set<Deadline> live;
	private volatile boolean passed;
	private volatile boolean aborted;
	private volatile boolean delivered;
	private volatile @Nullable Runnable action;

	/**
	 * Arms the deadline and adds it to {@code live} until it passes or is cancelled.
	 *
	 * @param length the total timeout, capped by {@link Durations#timeout}: {@link Durations#NEVER} arms no timer
	 * @param live the session's requests in flight
	 */
	public Deadline(Duration length, Set<Deadline> live) {
		this.length = length;
		this.live = live;
		live.add(this);
		this.timer = Durations.isNever(length) ? NO_TIMER
				: Schedulers.parallel().schedule(this, length.toNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public void run() {
		live.remove(this);
		passed = true;
		fired.tryEmitValue(Boolean.TRUE);
		Runnable a = action;
		if (a != null) {
			a.run();
		}
	}

	/** Ends the request now because its session closed: what waits fails with {@link SessionClosedException}. */
	public void abort() {
		aborted = true;
		timer.dispose();
		run();
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

	/**
	 * @return what a request whose deadline passed fails with: {@link SessionClosedException} if its session
	 *         closed, else the total {@link ClientTimeoutException}
	 */
	public Exception failure(String method, URI url) {
		return aborted ? new SessionClosedException(method, url)
				: new ClientTimeoutException(ClientTimeoutException.Kind.TOTAL, length, method, url);
	}

	/** @return the timeout's length */
	public Duration length() {
		return length;
	}

	/** The response was signalled: from now on its reader or closer disarms the deadline. */
	public void delivered() {
		delivered = true;
	}

	/** The request was cancelled: disarm the deadline, unless a response that still needs it was signalled. */
	public void cancelUndelivered() {
		if (!delivered) {
			cancel();
		}
	}

	/** Disarms the timer once the request needs it no more. */
	public void cancel() {
		timer.dispose();
		live.remove(this);
	}
}
