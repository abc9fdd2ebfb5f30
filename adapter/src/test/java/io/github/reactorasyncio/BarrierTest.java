package io.github.reactorasyncio;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
@ExtendWith(LoopPerTest.class)
class BarrierTest {

	@RegisterExtension
	final Steps steps = new Steps();

	@LoopPerTest.Loop
	private EventLoop loop;

	private Task<Integer> party(Barrier barrier, String name) {
		return Async.createTask(() -> {
			steps.add(name + " arrives");
			try {
				int index = barrier.await();
				steps.add(name + " passes");
				return index;
			}
			catch (CancelledError | BrokenBarrierException e) {
				steps.add(name + " " + e.getClass().getSimpleName());
				throw e;
			}
		});
	}

	@Test
	void nobodyPassesUntilTheLastPartyArrivesAndTheBarrierIsReusable() throws Exception {
		List<Integer> indexes = new ArrayList<>();
		loop.run(() -> {
			Barrier barrier = Barrier.create(3);
			for (int round = 0; round < 2; round++) {
				Task<Integer> a = party(barrier, "a");
				Task<Integer> b = party(barrier, "b");
				Async.yieldNow();
				Async.yieldNow();
				assertThat(barrier.nWaiting()).isEqualTo(2);
				assertThat(barrier).hasToString("Barrier[FILLING, waiters=2/3]");
				steps.add("c arrives");
				indexes.add(barrier.await());
				indexes.add(Async.await(a));
				indexes.add(Async.await(b));
				assertThat(barrier.state()).isEqualTo(Barrier.State.FILLING);
			}
			return null;
		});
		assertThat(steps.list().subList(0, 5)).containsExactly("a arrives", "b arrives", "c arrives", "a passes", "b passes");
		assertThat(steps).hasSize(10);
		assertThat(indexes).containsExactly(2, 0, 1, 2, 0, 1);
	}

	@Test
	void abortBreaksWaitersAndNewcomersUntilReset() throws Exception {
		loop.run(() -> {
			Barrier barrier = Barrier.create(2);
			Task<Integer> a = party(barrier, "a");
			Async.yieldNow();
			barrier.abort();
			assertThat(barrier.broken()).isTrue();
			assertThatThrownBy(() -> Async.await(a)).isInstanceOf(BrokenBarrierException.class);
			assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class)
					.hasMessageContaining("BROKEN").hasMessageContaining("reset()");
			barrier.reset();
			Task<Integer> b = party(barrier, "b");
			barrier.await();
			Async.await(b);
			return null;
		});
		assertThat(steps).containsExactly("a arrives", "a BrokenBarrierException", "b arrives", "b passes");
	}

	@Test
	void resetWhileTasksWaitBreaksThemAndRefillsAfterTheyLeave() throws Exception {
		loop.run(() -> {
			Barrier barrier = Barrier.create(3);
			Task<Integer> a = party(barrier, "a");
			Task<Integer> b = party(barrier, "b");
			Async.yieldNow();
			barrier.reset();
			assertThat(barrier.state()).isEqualTo(Barrier.State.RESETTING);
			assertThatThrownBy(() -> Async.await(a)).isInstanceOf(BrokenBarrierException.class);
			assertThatThrownBy(() -> Async.await(b)).isInstanceOf(BrokenBarrierException.class);
			assertThat(barrier.state()).isEqualTo(Barrier.State.FILLING);
			return null;
		});
	}

	@Test
	void partyCancelledRightAfterTheReleaseDoesNotStopTheOthersNorTheNextRound() throws Exception {
		loop.run(() -> {
			Barrier barrier = Barrier.create(3);
			Task<Integer> a = party(barrier, "a");
			Task<Integer> b = party(barrier, "b");
			Async.yieldNow();
			Async.yieldNow();
			Task<Integer> c = party(barrier, "c");
			Async.yieldNow(); // c arrives last and releases the barrier
			b.cancel();
			Async.await(a);
			Async.await(c);
			assertThat(b.isCancelled()).isTrue();
			assertThat(barrier.state()).isEqualTo(Barrier.State.FILLING);
			Task<Integer> d = party(barrier, "d");
			Task<Integer> e = party(barrier, "e");
			assertThat(barrier.await()).isZero(); // d and e have not started yet: main arrives first
			Async.await(d);
			Async.await(e);
			return null;
		});
		assertThat(steps).contains("b CancelledError", "a passes", "c passes", "d passes", "e passes");
	}

	@Test
	void partiesMustBePositive() {
		assertThatThrownBy(() -> Barrier.create(0)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("at least 1");
	}
}
