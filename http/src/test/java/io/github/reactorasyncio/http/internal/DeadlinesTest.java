package io.github.reactorasyncio.http.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.reactorasyncio.http.ClientTimeoutException;
import io.github.reactorasyncio.http.SessionClosedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session's request deadlines ({@link Deadlines}, issue 14 §1) on virtual time: each fires at its length,
 * not before, exactly once; a cancelled one never fires; after 1,000 requests no deadline and at most one timer
 * is left, and none once the timer ran; deadlines of other lengths fire in deadline order; close aborts all.
 */
class DeadlinesTest {

	static final URI URL = URI.create("http://127.0.0.1/x");
	static final Duration USUAL = Duration.ofSeconds(5);

	VirtualTimeScheduler time;
	Deadlines deadlines;

	@BeforeEach
	void setUp() {
		time = VirtualTimeScheduler.create();
		deadlines = new Deadlines(USUAL, time, () -> time.now(TimeUnit.NANOSECONDS));
	}

	@AfterEach
	void tearDown() {
		time.dispose();
	}

	private static Runnable counting(AtomicInteger n) {
		return n::incrementAndGet;
	}

	@Test
	void aDeadlineFiresAtItsLengthNotBeforeAndOnce() {
		Deadline d = deadlines.start(USUAL);
		AtomicInteger response = new AtomicInteger();
		AtomicInteger body = new AtomicInteger();
		d.awaitResponse(counting(response));
		d.whenPassed(counting(body));
		AtomicInteger viaMono = new AtomicInteger();
		d.passed().subscribe(x -> viaMono.incrementAndGet());

		time.advanceTimeBy(USUAL.minusNanos(1));
		assertThat(response.get() + body.get() + viaMono.get()).isZero();
		assertThat(deadlines.inFlight()).isOne();

		time.advanceTimeBy(Duration.ofNanos(1));
		assertThat(response).hasValue(1);
		assertThat(body).hasValue(1);
		assertThat(viaMono).hasValue(1);
		assertThat(deadlines.inFlight()).isZero();
		assertThat(d.failure("GET", URL)).isInstanceOfSatisfying(ClientTimeoutException.class, t -> {
			assertThat(t.kind()).isEqualTo(ClientTimeoutException.Kind.TOTAL);
			assertThat(t.timeout()).isEqualTo(USUAL);
		});

		time.advanceTimeBy(USUAL.multipliedBy(3));
		assertThat(response.get() + body.get() + viaMono.get()).isEqualTo(3);
		assertThat(deadlines.timersArmed()).isZero();
	}

	@Test
	void aCallbackAddedAfterTheDeadlinePassedRunsAtOnce() {
		Deadline d = deadlines.start(USUAL);
		time.advanceTimeBy(USUAL);
		AtomicInteger late = new AtomicInteger();
		d.awaitResponse(counting(late));
		d.whenPassed(counting(late));
		assertThat(late).hasValue(2);
		assertThat(d.passed().block(Duration.ZERO)).isTrue();
	}

	@Test
	void aCancelledOrDeliveredDeadlineDoesNotWakeTheResponseWait() {
		Deadline cancelled = deadlines.start(USUAL);
		Deadline delivered = deadlines.start(USUAL);
		AtomicInteger fired = new AtomicInteger();
		cancelled.awaitResponse(counting(fired));
		cancelled.whenPassed(counting(fired));
		delivered.awaitResponse(counting(fired));
		cancelled.cancel();
		delivered.delivered();

		time.advanceTimeBy(USUAL.multipliedBy(2));
		assertThat(fired).as("the cancelled one is gone, the delivered one no longer wakes the wait").hasValue(0);
		assertThat(deadlines.inFlight()).isZero();
	}

	@Test
	void aThousandRequestsLeaveNoDeadlineAndNoTimerBehind() {
		AtomicInteger fired = new AtomicInteger();
		for (int i = 0; i < 1_000; i++) {
			Deadline d = deadlines.start(USUAL);
			d.awaitResponse(counting(fired));
			d.whenPassed(counting(fired));
			time.advanceTimeBy(Duration.ofMillis(1));
			if (i % 2 == 0) {
				d.cancel();
			}
			else {
				d.delivered(); // the response came; its read then disarms it
				d.cancel();
			}
		}
		assertThat(deadlines.inFlight()).isZero();
		assertThat(deadlines.timersArmed()).as("one timer per lane at most, however many requests").isLessThanOrEqualTo(1);

		time.advanceTimeBy(USUAL.multipliedBy(2));
		assertThat(deadlines.timersArmed()).as("an empty lane does not arm its timer again").isZero();
		assertThat(fired).hasValue(0);
	}

	@Test
	void deadlinesOfSeveralLengthsFireInDeadlineOrder() {
		List<String> fired = new ArrayList<>();
		deadlines.start(Duration.ofSeconds(10)).whenPassed(() -> fired.add("10 s"));
		deadlines.start(USUAL).whenPassed(() -> fired.add("5 s"));
		deadlines.start(Duration.ofSeconds(1)).whenPassed(() -> fired.add("1 s"));
		deadlines.start(Durations.NEVER).whenPassed(() -> fired.add("never"));

		time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(fired).containsExactly("1 s");
		time.advanceTimeBy(Duration.ofSeconds(4));
		assertThat(fired).containsExactly("1 s", "5 s");
		time.advanceTimeBy(Duration.ofDays(365));
		assertThat(fired).containsExactly("1 s", "5 s", "10 s");
		assertThat(deadlines.inFlight()).as("the one that never times out").isOne();
	}

	@Test
	void requestsOfManyLengthsShareTheLastLaneInDeadlineOrder() {
		List<Integer> fired = new ArrayList<>();
		int lengths = Deadlines.MAX_LANES + 10;
		// from the longest to the shortest: in the shared lane each is inserted before the later ones
		for (int s = lengths; s >= 1; s--) {
			int seconds = s;
			deadlines.start(Duration.ofSeconds(100 + seconds)).whenPassed(() -> fired.add(seconds));
		}
		time.advanceTimeBy(Duration.ofSeconds(100 + lengths));
		assertThat(fired).hasSize(lengths).isSorted();
		assertThat(deadlines.inFlight()).isZero();
	}

	@Test
	void abortAllEndsEveryRequestWithSessionClosed() {
		List<Deadline> all = List.of(deadlines.start(USUAL), deadlines.start(Duration.ofSeconds(1)),
				deadlines.start(Durations.NEVER));
		AtomicInteger woken = new AtomicInteger();
		for (Deadline d : all) {
			d.awaitResponse(counting(woken));
		}
		deadlines.abortAll();
		assertThat(woken).hasValue(3);
		assertThat(deadlines.inFlight()).isZero();
		assertThat(deadlines.timersArmed()).isZero();
		for (Deadline d : all) {
			assertThat(d.failure("GET", URL)).isInstanceOf(SessionClosedException.class);
		}
		time.advanceTimeBy(Duration.ofMinutes(1));
		assertThat(woken).as("nothing fires again").hasValue(3);
	}

	/**
	 * Random starts (several lengths), cancels and clock steps against a model: a deadline fires once, at the
	 * first step that reaches its time, if it was not cancelled before. Replay a seed with
	 * {@code -Ddeadlines.seed=N}.
	 */
	@Test
	void randomSchedulesFireAsTheModelSays() {
		String replay = System.getProperty("deadlines.seed");
		long first = replay != null ? Long.parseLong(replay) : 1;
		int seeds = replay != null ? 1 : 200;
		for (long seed = first; seed < first + seeds; seed++) {
			setUp();
			try {
				runSchedule(new Random(seed));
			}
			catch (AssertionError e) {
				throw new AssertionError("seed " + seed + " (replay with -Ddeadlines.seed=" + seed + "): "
						+ e.getMessage(), e);
			}
			finally {
				tearDown();
			}
		}
	}

	private void runSchedule(Random random) {
		Duration[] lengths = {USUAL, Duration.ofMillis(700), Duration.ofSeconds(2), Duration.ofMillis(3_100)};
		List<Deadline> started = new ArrayList<>();
		List<Long> due = new ArrayList<>();
		List<Boolean> cancelled = new ArrayList<>();
		List<AtomicInteger> fires = new ArrayList<>();
		long now = 0;
		for (int step = 0; step < 300; step++) {
			int action = random.nextInt(10);
			if (action < 4) {
				Duration length = lengths[random.nextInt(lengths.length)];
				Deadline d = deadlines.start(length);
				AtomicInteger n = new AtomicInteger();
				d.whenPassed(n::incrementAndGet);
				started.add(d);
				due.add(now + length.toMillis());
				cancelled.add(false);
				fires.add(n);
			}
			else if (action < 7 && !started.isEmpty()) {
				int i = random.nextInt(started.size());
				if (fires.get(i).get() == 0) {
					started.get(i).cancel();
					cancelled.set(i, true);
				}
			}
			else {
				long by = random.nextInt(1_500);
				time.advanceTimeBy(Duration.ofMillis(by));
				now += by;
			}
			for (int i = 0; i < started.size(); i++) {
				int expected = !cancelled.get(i) && due.get(i) <= now ? 1 : 0;
				assertThat(fires.get(i).get()).as("deadline %d due at %d ms, now %d ms, cancelled %s", i, due.get(i),
						now, cancelled.get(i)).isEqualTo(expected);
			}
		}
		long live = 0;
		for (int i = 0; i < started.size(); i++) {
			live += !cancelled.get(i) && due.get(i) > now ? 1 : 0;
		}
		assertThat((long) deadlines.inFlight()).isEqualTo(live);
	}
}
