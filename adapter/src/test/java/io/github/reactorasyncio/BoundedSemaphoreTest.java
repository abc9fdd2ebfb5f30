package io.github.reactorasyncio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
@ExtendWith(LoopPerTest.class)
class BoundedSemaphoreTest {

	@RegisterExtension
	final Steps steps = new Steps();

	@LoopPerTest.Loop
	private EventLoop loop;

	@Test
	void releasingMoreThanAcquiredIsAnErrorNamingTheState() throws Exception {
		loop.run(() -> {
			BoundedSemaphore sem = BoundedSemaphore.create(2);
			Held held = sem.acquire();
			held.close();
			assertThatThrownBy(sem::release).isInstanceOf(InvalidStateException.class)
					.hasMessageContaining("BoundedSemaphore[AVAILABLE, value=2")
					.hasMessageContaining("released more often than acquired");
			assertThat(sem.value()).isEqualTo(2);
			assertThat(sem.bound()).isEqualTo(2);
			return null;
		});
	}

	@Test
	void waiterCancelledRightAfterTheGrantDoesNotInflateTheCount() throws Exception {
		loop.run(() -> {
			BoundedSemaphore sem = BoundedSemaphore.create();
			Held held = sem.acquire();
			Task<Void> b = Async.createTask(() -> {
				try (Held p = sem.acquire()) {
					steps.add("b");
				}
				catch (CancelledError e) {
					steps.add("b cancelled");
					throw e;
				}
				return null;
			});
			Task<Void> c = Async.createTask(() -> {
				try (Held p = sem.acquire()) {
					steps.add("c");
				}
				return null;
			});
			Async.yieldNow();
			held.close();
			b.cancel();
			Async.await(c);
			// every permit is back, and exactly once: one more release would exceed the bound
			assertThat(sem.value()).isEqualTo(1);
			assertThatThrownBy(sem::release).isInstanceOf(InvalidStateException.class);
			return null;
		});
		assertThat(steps).containsExactly("b cancelled", "c");
	}
}
