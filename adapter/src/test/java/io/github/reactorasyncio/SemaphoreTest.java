package io.github.reactorasyncio;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class SemaphoreTest {

	private EventLoop loop;
	private final List<String> steps = new ArrayList<>();

	@BeforeEach
	void setUp() {
		loop = EventLoop.create();
	}

	@AfterEach
	void tearDown() {
		loop.close();
	}

	private Task<Void> worker(Semaphore sem, String name) {
		return Async.createTask(() -> {
			try (Held permit = sem.acquire()) {
				steps.add(name);
				Async.yieldNow();
				steps.add(name + " out");
			}
			catch (CancelledError e) {
				steps.add(name + " cancelled");
				throw e;
			}
			return null;
		});
	}

	@Test
	void atMostValueHoldersAtOnceWokenFifo() throws Exception {
		loop.run(() -> {
			Semaphore sem = Semaphore.create(2);
			List<Task<Void>> tasks = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				tasks.add(worker(sem, "w" + i));
			}
			for (Task<Void> t : tasks) {
				Async.await(t);
			}
			assertThat(sem.value()).isEqualTo(2);
			return null;
		});
		// w0 and w1 hold the two permits; each exit lets exactly the next waiter in
		assertThat(steps).containsExactly("w0", "w1", "w0 out", "w1 out", "w2", "w3", "w2 out", "w3 out", "w4",
				"w4 out");
	}

	@Test
	void newcomerQueuesBehindWaitersEvenWithAFreePermit() throws Exception {
		loop.run(() -> {
			Semaphore sem = Semaphore.create(1);
			Held held = sem.acquire();
			Task<Void> first = worker(sem, "first");
			Async.yieldNow();
			held.close(); // the permit is promised to first, which has not resumed yet
			assertThat(sem.state()).isEqualTo(Semaphore.State.LOCKED);
			Task<Void> late = worker(sem, "late");
			Async.await(first);
			Async.await(late);
			return null;
		});
		assertThat(steps).containsExactly("first", "first out", "late", "late out");
	}

	@Test
	void waiterCancelledRightAfterTheGrantGivesThePermitToTheNext() throws Exception {
		loop.run(() -> {
			Semaphore sem = Semaphore.create(1);
			Held held = sem.acquire();
			Task<Void> b = worker(sem, "b");
			Task<Void> c = worker(sem, "c");
			Async.yieldNow();
			held.close();
			b.cancel();
			Async.await(c);
			assertThat(sem.value()).isEqualTo(1);
			assertThat(sem.state()).isEqualTo(Semaphore.State.AVAILABLE);
			return null;
		});
		assertThat(steps).containsExactly("b cancelled", "c", "c out");
	}

	@Test
	void waiterCancelledAfterItsWakeUpRanGivesThePermitToTheNext() throws Exception {
		loop.run(() -> {
			Semaphore sem = Semaphore.create(1);
			Held held = sem.acquire();
			Task<Void> b = worker(sem, "b");
			Task<Void> c = worker(sem, "c");
			Async.yieldNow();
			held.close();
			Async.yieldNow();
			b.cancel();
			Async.await(c);
			assertThat(sem.value()).isEqualTo(1);
			return null;
		});
		assertThat(steps).containsExactly("b cancelled", "c", "c out");
	}

	@Test
	void releaseWithoutAcquireRaisesThePlainSemaphore() throws Exception {
		loop.run(() -> {
			Semaphore sem = Semaphore.create(0);
			assertThat(sem.locked()).isTrue();
			sem.release();
			assertThat(sem.value()).isEqualTo(1);
			assertThat(sem).hasToString("Semaphore[AVAILABLE, value=1, waiters=0]");
			return null;
		});
	}

	@Test
	void negativeInitialValueIsRefused() {
		assertThatThrownBy(() -> Semaphore.create(-1)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining(">= 0");
	}
}
