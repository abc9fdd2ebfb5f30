package io.github.reactorasyncio.http.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.reactorasyncio.http.ClientResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Races the response body's claim/consume/close/expire state machine from several threads (issue 11,
 * "Proof beyond unit tests"; jcstress does not resolve here). Each trial starts four threads at one gate,
 * each doing one random action of a reader ({@code claim} then {@code consumed} or {@code failed}), of
 * {@code close()} or of the total timeout ({@code expire}); then the test closes the response as
 * try-with-resources would and checks:
 * <ul>
 * <li>at most one read claims the body, and a claim excludes an expiry and a drain;</li>
 * <li>the connection is released exactly once: by the reader that read to the end, a drain, or a dispose;</li>
 * <li>the final state is CONSUMED or CLOSED, and an expiry is reported only with CLOSED and no reader.</li>
 * </ul>
 * Trials are seeded: a failure prints its seed; replay one with {@code -Dbodystate.seed=N}. Size with
 * {@code -Dbodystate.trials=N} (default 20,000, a few seconds here).
 */
@Timeout(120)
class BodyStateStressTest {

	static final int THREADS = 4;
	static ExecutorService pool;

	@BeforeAll
	static void start() {
		pool = Executors.newFixedThreadPool(THREADS);
	}

	@AfterAll
	static void stop() {
		pool.shutdownNow();
	}

	private static final class Counting implements BodyState.Release {
		final AtomicInteger drains = new AtomicInteger();
		final AtomicInteger disposes = new AtomicInteger();

		@Override
		public void drain() {
			drains.incrementAndGet();
		}

		@Override
		public void dispose() {
			disposes.incrementAndGet();
		}
	}

	@Test
	void everyInterleavingReleasesTheConnectionExactlyOnce() throws Exception {
		String replay = System.getProperty("bodystate.seed");
		int trials = Integer.getInteger("bodystate.trials", 20_000);
		long base = new Random().nextLong();
		for (int i = 0; i < (replay != null ? 1 : trials); i++) {
			long seed = replay != null ? Long.parseLong(replay) : base + i;
			try {
				trial(seed);
			}
			catch (AssertionError | Exception e) {
				throw new AssertionError("BodyState trial failed; replay with -Dbodystate.seed=" + seed, e);
			}
		}
	}

	private static void trial(long seed) throws Exception {
		Random random = new Random(seed);
		Counting release = new Counting();
		BodyState state = new BodyState(release);
		AtomicInteger claims = new AtomicInteger();
		AtomicInteger readsToTheEnd = new AtomicInteger();
		AtomicInteger expiries = new AtomicInteger();
		CountDownLatch gate = new CountDownLatch(1);
		List<Future<?>> actions = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			int action = random.nextInt(4);
			int spin = random.nextInt(50);
			actions.add(pool.submit(() -> {
				gate.await();
				for (int s = 0; s < spin; s++) {
					Thread.onSpinWait();
				}
				switch (action) {
					case 0, 1 -> {
						if (state.claim("read" + action)) {
							claims.incrementAndGet();
							if (action == 0) {
								if (state.consumed()) {
									readsToTheEnd.incrementAndGet();
								}
							}
							else {
								state.failed();
							}
						}
					}
					case 2 -> state.close();
					default -> {
						if (state.expire()) {
							expiries.incrementAndGet();
						}
					}
				}
				return null;
			}));
		}
		gate.countDown();
		for (Future<?> f : actions) {
			f.get(10, TimeUnit.SECONDS);
		}
		state.close(); // try-with-resources

		ClientResponse.State end = state.state();
		assertThat(claims.get()).as("claims").isLessThanOrEqualTo(1);
		assertThat(claims.get() + expiries.get() + release.drains.get()).as("claim, expiry and drain exclude each other")
				.isLessThanOrEqualTo(1);
		assertThat(readsToTheEnd.get() + release.drains.get() + release.disposes.get()).as("releases").isEqualTo(1);
		assertThat(end).isIn(ClientResponse.State.CONSUMED, ClientResponse.State.CLOSED);
		if (state.expired()) {
			assertThat(end).isEqualTo(ClientResponse.State.CLOSED);
			assertThat(state.readBy()).isNull();
		}
		if (claims.get() == 1) {
			assertThat(state.readBy()).startsWith("read");
		}
	}
}
