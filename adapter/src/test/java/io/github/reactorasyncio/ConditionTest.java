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
class ConditionTest {

	@RegisterExtension
	final Steps steps = new Steps();

	@LoopPerTest.Loop
	private EventLoop loop;

	private Task<Void> waiter(Condition cond, String name) {
		return Async.createTask(() -> {
			try (Held held = cond.acquire()) {
				try {
					cond.await();
					steps.add(name + (cond.locked() ? " holds lock" : " WITHOUT LOCK"));
				}
				catch (CancelledError e) {
					steps.add(name + " cancelled" + (cond.locked() ? " holding lock" : " WITHOUT LOCK"));
					throw e;
				}
			}
			return null;
		});
	}

	@Test
	void signalWakesOneWaiterAtATimeFifoAndSignalAllTheRest() throws Exception {
		loop.run(() -> {
			Condition cond = Condition.create();
			List<Task<Void>> tasks = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				tasks.add(waiter(cond, "w" + i));
			}
			Async.yieldNow();
			assertThat(cond).hasToString("Condition[UNLOCKED, waiters=4]");
			try (Held held = cond.acquire()) {
				cond.signal();
			}
			Async.await(tasks.get(0));
			steps.add("signalAll");
			try (Held held = cond.acquire()) {
				cond.signalAll();
			}
			for (Task<Void> t : tasks) {
				Async.await(t);
			}
			return null;
		});
		assertThat(steps).containsExactly("w0 holds lock", "signalAll", "w1 holds lock", "w2 holds lock",
				"w3 holds lock");
	}

	@Test
	void awaitForChecksThePredicateAfterEachWakeUp() throws Exception {
		int[] counter = {0};
		loop.run(() -> {
			Condition cond = Condition.create();
			Task<Void> w = Async.createTask(() -> {
				try (Held held = cond.acquire()) {
					cond.awaitFor(() -> {
						steps.add("check " + counter[0]);
						return counter[0] >= 2;
					});
				}
				return null;
			});
			for (int i = 0; i < 2; i++) {
				Async.yieldNow(); // the waiter wakes, takes the lock back,
				Async.yieldNow(); // checks again and waits
				try (Held held = cond.acquire()) {
					counter[0]++;
					cond.signal();
				}
			}
			Async.await(w);
			return null;
		});
		assertThat(steps).containsExactly("check 0", "check 1", "check 2");
	}

	@Test
	void waiterCancelledRightAfterTheSignalPassesItOn() throws Exception {
		loop.run(() -> {
			Condition cond = Condition.create();
			Task<Void> b = waiter(cond, "b");
			Task<Void> c = waiter(cond, "c");
			Async.yieldNow();
			try (Held held = cond.acquire()) {
				cond.signal(); // picks b
				b.cancel();
			}
			Async.await(c);
			assertThat(b.isCancelled()).isTrue();
			return null;
		});
		assertThat(steps).containsExactly("b cancelled holding lock", "c holds lock");
	}

	@Test
	void cancelledWaiterHoldsTheLockAgainBeforeItSeesTheCancellation() throws Exception {
		loop.run(() -> {
			Lock lock = Lock.create();
			Condition cond = Condition.create(lock);
			Task<Void> b = waiter(cond, "b");
			Async.yieldNow();
			Held held = lock.acquire();
			b.cancel();
			Async.yieldNow();
			Async.yieldNow();
			steps.add("main releases");
			held.close();
			Async.yieldNow();
			Async.yieldNow();
			assertThat(b.isCancelled()).isTrue();
			return null;
		});
		assertThat(steps).containsExactly("main releases", "b cancelled holding lock");
	}

	@Test
	void awaitAndSignalWithoutTheLockNameTheState() throws Exception {
		loop.run(() -> {
			Condition cond = Condition.create();
			assertThatThrownBy(cond::await).isInstanceOf(InvalidStateException.class)
					.hasMessageContaining("UNLOCKED").hasMessageContaining("Acquire it first");
			assertThatThrownBy(cond::signal).isInstanceOf(InvalidStateException.class)
					.hasMessageContaining("UNLOCKED");
			return null;
		});
	}
}
