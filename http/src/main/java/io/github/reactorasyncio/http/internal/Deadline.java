package io.github.reactorasyncio.http.internal;

import java.net.URI;
import java.time.Duration;

import io.github.reactorasyncio.http.ClientTimeoutException;
import io.github.reactorasyncio.http.SessionClosedException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The lifetime of one request: its total timeout, armed when the request starts ({@link Deadlines#start}),
 * shared by the wait for the response and the read of its body. It ends early when the session closes
 * ({@link #abort()}): whatever waits for it then fails with {@link #failure} instead of a timeout, and the
 * connection is released by the same path as on a timeout. While armed it is in flight in its session's
 * {@link Deadlines}, which {@code ClientSession.close()} aborts.
 *
 * <p>What waits for it: the response ({@link #awaitResponse}, one callback, no allocation), the unread body's
 * expiry ({@link #whenPassed}) and, for reads of a body that was not read with the headers, {@link #passed()},
 * a Mono made only when asked for.
 */
public final class Deadline {

	private final Duration length;
	private final Deadlines.Lane home;
	// the links of its lane, guarded by the lane's lock; lane is null once unlinked
	Deadlines.@Nullable Lane lane;
	@Nullable Deadline prev;
	@Nullable Deadline next;
	long at;
	private volatile boolean passed;
	private volatile boolean aborted;
	private volatile boolean delivered;
	private volatile @Nullable Runnable action;
	private volatile @Nullable Runnable waiter;
	// made by the first passed(), guarded by this
	private Sinks.@Nullable One<Boolean> fired;

	Deadline(Duration length, Deadlines.Lane home) {
		this.length = length;
		this.home = home;
	}

	long lengthNanos() {
		return length.toNanos();
	}

	/** The deadline passed, or the session closed: wakes whatever waits for it. It was unlinked. */
	void fire() {
		passed = true;
		Runnable w = waiter;
		if (w != null) {
			w.run();
		}
		Runnable a = action;
		if (a != null) {
			a.run();
		}
		Sinks.One<Boolean> s;
		synchronized (this) {
			s = fired;
		}
		if (s != null) {
			s.tryEmitValue(Boolean.TRUE);
		}
	}

	/** Ends the request now because its session closed: what waits fails with {@link SessionClosedException}. */
	public void abort() {
		aborted = true;
		unlink();
		fire();
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

	/**
	 * Runs the callback of the wait for the response when the deadline passes, or now if it has; until
	 * {@link #delivered()} or {@link #cancel()}. It may run twice if the two race, so it must be idempotent.
	 */
	void awaitResponse(Runnable callback) {
		if (delivered) {
			return;
		}
		this.waiter = callback;
		if (passed) {
			callback.run();
		}
	}

	/** @return a Mono that signals when the deadline passes (at once if it has), for {@code timeout(Publisher)} */
	public Mono<Boolean> passed() {
		Sinks.One<Boolean> s;
		synchronized (this) {
			s = fired;
			if (s == null) {
				s = Sinks.one();
				fired = s;
			}
		}
		if (passed) {
			s.tryEmitValue(Boolean.TRUE);
		}
		return s.asMono();
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
		waiter = null;
	}

	/** The request was cancelled: disarm the deadline, unless a response that still needs it was signalled. */
	public void cancelUndelivered() {
		if (!delivered) {
			cancel();
		}
	}

	/** Disarms the timer once the request needs it no more. */
	public void cancel() {
		waiter = null;
		unlink();
	}

	private void unlink() {
		home.remove(this);
	}
}
