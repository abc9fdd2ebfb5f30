package io.github.reactorasyncio.http.internal;

import java.util.concurrent.atomic.AtomicReference;

import io.github.reactorasyncio.http.ClientResponse;
import org.jspecify.annotations.Nullable;

/**
 * The life of one response body: the claim/consume/close/expire state machine of
 * {@link ClientResponse.State}, and who releases the connection on each transition. It is the only part
 * of a response that several threads race on (a reader on a Netty thread, {@code close()} on the caller's,
 * the total timeout on a timer), so every transition is one compare-and-set of an immutable snapshot and
 * each release happens exactly once, on the thread that won the transition:
 * <pre>
 * UNREAD --claim--> READING --consumed--> CONSUMED           (the reader read to the end: Reactor Netty released it)
 *                           --failed----> CONSUMED + dispose (what is left of the body cannot be trusted)
 *                           --close-----> CLOSED + dispose   (a read in progress is aborted)
 * UNREAD --close--> CLOSED + drain                           (small bodies are drained so the connection is reused)
 * UNREAD --expire-> CLOSED + dispose, expired                (the total timeout passed with the body unread)
 * </pre>
 * {@link io.github.reactorasyncio.http.internal.ResponseBody} drives it; {@code BodyStateStressTest}
 * races it from many threads.
 */
public final class BodyState {

	/** What the state machine asks of the connection. */
	public interface Release {
		/** Reads and drops an unread body so that the connection can go back to the pool. */
		void drain();

		/** Closes the connection: its state is unknown or a read is being aborted. */
		void dispose();
	}

	private record Snapshot(ClientResponse.State state, @Nullable String readBy, boolean expired) {
	}

	private static final Snapshot UNREAD = new Snapshot(ClientResponse.State.UNREAD, null, false);

	private final AtomicReference<Snapshot> current = new AtomicReference<>(UNREAD);
	private final Release release;

	public BodyState(Release release) {
		this.release = release;
	}

	public ClientResponse.State state() {
		return current.get().state();
	}

	/** @return the read that claimed the body (e.g. {@code "text()"}), or null if none did */
	public @Nullable String readBy() {
		return current.get().readBy();
	}

	/** @return whether the total timeout released the unread body */
	public boolean expired() {
		return current.get().expired();
	}

	/** UNREAD to READING: the caller owns the body. @return false if another read or a close came first */
	public boolean claim(String what) {
		return current.compareAndSet(UNREAD, new Snapshot(ClientResponse.State.READING, what, false));
	}

	/**
	 * READING to CONSUMED: the read ended normally, and reading to the end released the connection.
	 *
	 * @return whether this call made the transition (false if a close aborted the read first)
	 */
	public boolean consumed() {
		Snapshot s = current.get();
		return s.state() == ClientResponse.State.READING
				&& current.compareAndSet(s, new Snapshot(ClientResponse.State.CONSUMED, s.readBy(), false));
	}

	/**
	 * READING to CONSUMED, disposing the connection: the read failed or was cancelled.
	 *
	 * @return whether this call made the transition (and disposed the connection)
	 */
	public boolean failed() {
		Snapshot s = current.get();
		if (s.state() == ClientResponse.State.READING
				&& current.compareAndSet(s, new Snapshot(ClientResponse.State.CONSUMED, s.readBy(), false))) {
			release.dispose();
			return true;
		}
		return false;
	}

	/**
	 * Any open state to CLOSED: drains an unread body, aborts a read in progress. Idempotent.
	 *
	 * @return the state it closed from, or the final state it found
	 */
	public ClientResponse.State close() {
		for (;;) {
			Snapshot s = current.get();
			if (s.state() == ClientResponse.State.CLOSED || s.state() == ClientResponse.State.CONSUMED) {
				return s.state();
			}
			if (current.compareAndSet(s, new Snapshot(ClientResponse.State.CLOSED, s.readBy(), false))) {
				if (s.state() == ClientResponse.State.UNREAD) {
					release.drain();
				}
				else {
					release.dispose();
				}
				return s.state();
			}
		}
	}

	/** UNREAD to CLOSED, disposing the connection: the total timeout passed and nobody read or closed it. */
	public boolean expire() {
		if (current.compareAndSet(UNREAD, new Snapshot(ClientResponse.State.CLOSED, null, true))) {
			release.dispose();
			return true;
		}
		return false;
	}

	@Override
	public String toString() {
		Snapshot s = current.get();
		return s.state() + (s.readBy() != null ? " by " + s.readBy() : "") + (s.expired() ? " (expired)" : "");
	}
}
