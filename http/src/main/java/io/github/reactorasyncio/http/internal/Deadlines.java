package io.github.reactorasyncio.http.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The total timeouts of a session's requests in flight, and the set that {@code ClientSession.close()} aborts.
 *
 * <p>A timer per request (a scheduled task armed, then cancelled, for every request) cost a few microseconds
 * of a request of a few tens (issue 14 §1). Here requests of the same timeout length share a <em>lane</em>: an
 * intrusive list in deadline order, since requests of one length are added in the order of their deadlines,
 * with one timer armed for its head. Adding or removing a request is a link or unlink under the lane's lock;
 * the timer is armed again only when it fires, for the new head, or when a request with an earlier deadline
 * becomes the head. A session whose requests take less than their timeout arms its timer about once per
 * timeout length, whatever its request rate. A lane serves each of the first {@value #MAX_LANES} lengths; the
 * requests of any further length share one lane in which a request is inserted at its place from the tail.
 * Requests that never time out sit in a lane without a timer, only for {@link #abortAll()}.
 *
 * <p>The timers run on {@link Schedulers#parallel()} and expire requests there, reading
 * {@link System#nanoTime()}; a test gives a virtual-time scheduler and its clock instead.
 */
public final class Deadlines {

	static final int MAX_LANES = 16;

	private final Scheduler timers;
	private final LongSupplier clock;
	private final Duration usual;
	private final Lane usualLane;
	private final Lane untimed;
	private final Lane others;
	private final Map<Duration, Lane> lanes = new ConcurrentHashMap<>();

	/**
	 * @param usual the session's total timeout, which most requests have
	 */
	public Deadlines(Duration usual) {
		this(usual, Schedulers.parallel(), System::nanoTime);
	}

	/**
	 * @param usual the session's total timeout, which most requests have
	 * @param timers where the timers run
	 * @param clock nanoseconds, of the same time as {@code timers} schedules in
	 */
	public Deadlines(Duration usual, Scheduler timers, LongSupplier clock) {
		this.timers = timers;
		this.clock = clock;
		this.usual = usual;
		this.untimed = new Lane(false);
		this.usualLane = Durations.isNever(usual) ? untimed : new Lane(true);
		this.others = new Lane(true);
	}

	/**
	 * Starts a request's deadline: it passes {@code length} from now, unless cancelled first.
	 *
	 * @param length the request's total timeout, capped by {@link Durations#timeout}: {@link Durations#NEVER}
	 *        never passes
	 * @return the armed deadline, in flight until it passes, is cancelled or aborted
	 */
	public Deadline start(Duration length) {
		Lane lane = laneOf(length);
		Deadline d = new Deadline(length, lane);
		lane.add(d);
		return d;
	}

	private Lane laneOf(Duration length) {
		if (length.equals(usual)) {
			return usualLane;
		}
		if (Durations.isNever(length)) {
			return untimed;
		}
		Lane lane = lanes.get(length);
		if (lane == null) {
			// a bounded number of lanes, so that requests each with its own length do not grow the map without end
			lane = lanes.size() < MAX_LANES ? lanes.computeIfAbsent(length, l -> new Lane(true)) : others;
		}
		return lane;
	}

	/** Ends every request in flight now (the session closed): what waits for one fails as its deadline says. */
	public void abortAll() {
		List<Deadline> all = new ArrayList<>();
		usualLane.drainTo(all);
		untimed.drainTo(all);
		others.drainTo(all);
		for (Lane lane : lanes.values()) {
			lane.drainTo(all);
		}
		for (Deadline d : all) {
			d.abort();
		}
	}

	/** @return how many requests are in flight */
	public int inFlight() {
		int n = usualLane.size() + others.size() + (usualLane == untimed ? 0 : untimed.size());
		for (Lane lane : lanes.values()) {
			n += lane.size();
		}
		return n;
	}

	/** @return how many lanes have a timer armed, for tests: at most one per lane, none once they are empty and it fired */
	int timersArmed() {
		int n = (usualLane.armed() ? 1 : 0) + (others.armed() ? 1 : 0);
		for (Lane lane : lanes.values()) {
			n += lane.armed() ? 1 : 0;
		}
		return n;
	}

	/**
	 * The requests of one timeout length (or of several, for the last lane), in deadline order, with one timer
	 * armed for the head.
	 */
	final class Lane {

		private final boolean timed;
		// guarded by this
		private @Nullable Deadline head;
		private @Nullable Deadline tail;
		private int size;
		private @Nullable Tick tick;

		Lane(boolean timed) {
			this.timed = timed;
		}

		void add(Deadline d) {
			synchronized (this) {
				if (!timed) {
					d.at = Long.MAX_VALUE;
					linkAfter(tail, d);
					return;
				}
				long now = clock.getAsLong();
				long at = now + d.lengthNanos();
				d.at = at < now ? Long.MAX_VALUE : at; // saturated: a length close to NEVER
				Deadline after = tail;
				while (after != null && after.at > d.at) {
					after = after.prev;
				}
				linkAfter(after, d);
				Tick t = tick;
				if (head == d && (t == null || d.at < t.at)) {
					arm(now);
				}
			}
		}

		private void linkAfter(@Nullable Deadline after, Deadline d) {
			d.lane = this;
			d.prev = after;
			d.next = after == null ? head : after.next;
			if (d.next != null) {
				d.next.prev = d;
			}
			else {
				tail = d;
			}
			if (after != null) {
				after.next = d;
			}
			else {
				head = d;
			}
			size++;
		}

		/** Unlinks the deadline. @return whether it was linked (it had not passed, been cancelled or aborted) */
		synchronized boolean remove(Deadline d) {
			if (d.lane != this) {
				return false;
			}
			unlink(d);
			return true;
		}

		private void unlink(Deadline d) {
			Deadline p = d.prev;
			Deadline n = d.next;
			if (p != null) {
				p.next = n;
			}
			else {
				head = n;
			}
			if (n != null) {
				n.prev = p;
			}
			else {
				tail = p;
			}
			d.prev = null;
			d.next = null;
			d.lane = null;
			size--;
		}

		/** Arms the timer for the head, cancelling one armed for later; under the lock. */
		private void arm(long now) {
			Deadline h = head;
			if (h == null || h.at == Long.MAX_VALUE) {
				return;
			}
			Tick old = tick;
			if (old != null) {
				old.timer.dispose();
			}
			Tick t = new Tick(this, h.at);
			tick = t;
			t.timer = timers.schedule(t, Math.max(0, h.at - now), TimeUnit.NANOSECONDS);
		}

		/** The timer fired: expires the deadlines that passed, then arms the timer for the new head. */
		void fired(Tick t) {
			List<Deadline> due = null;
			synchronized (this) {
				if (tick != t) {
					return; // cancelled as it fired: a timer armed for an earlier head replaced it
				}
				tick = null;
				long now = clock.getAsLong();
				Deadline h = head;
				while (h != null && h.at - now <= 0) {
					unlink(h);
					if (due == null) {
						due = new ArrayList<>();
					}
					due.add(h);
					h = head;
				}
				arm(now);
			}
			if (due != null) {
				for (Deadline d : due) {
					d.fire();
				}
			}
		}

		synchronized void drainTo(List<Deadline> all) {
			for (Deadline d = head; d != null; d = head) {
				unlink(d);
				all.add(d);
			}
			Tick t = tick;
			if (t != null) {
				t.timer.dispose();
				tick = null;
			}
		}

		synchronized int size() {
			return size;
		}

		synchronized boolean armed() {
			return tick != null;
		}
	}

	/** One arming of a lane's timer. */
	static final class Tick implements Runnable {

		final Lane lane;
		final long at;
		Disposable timer = () -> {
		};

		Tick(Lane lane, long at) {
			this.lane = lane;
			this.at = at;
		}

		@Override
		public void run() {
			lane.fired(this);
		}
	}
}
