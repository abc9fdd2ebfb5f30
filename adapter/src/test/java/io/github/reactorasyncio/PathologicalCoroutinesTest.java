package io.github.reactorasyncio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Programs that push the machinery to its limits (issue 11, Core): a task awaiting itself, cycles of tasks
 * awaiting each other. Each test runs real coroutines and checks the loop still works afterwards.
 */
@Timeout(60)
class PathologicalCoroutinesTest {

	private EventLoop loop;

	@BeforeEach
	void setUp() {
		loop = EventLoop.create();
	}

	@AfterEach
	void tearDown() {
		loop.close();
	}

	/*
	 * asyncio (3.11):
	 *     async def main():
	 *         try:
	 *             await asyncio.current_task()
	 *         except RuntimeError as e:
	 *             print(e)        # Task cannot await on itself: <Task pending ...>
	 *         return "went on"
	 */
	@Test
	void aTaskAwaitingItselfGetsAClearErrorAtTheAwaitAndGoesOn() throws Exception {
		List<String> steps = new ArrayList<>();
		String r = loop.run(() -> {
			Task<?> me = Async.currentTask();
			try {
				Async.await(me);
			}
			catch (IllegalStateException e) {
				steps.add(e.getMessage().substring(0, "Task cannot await on itself".length()));
			}
			try {
				Async.waitFor(me, Duration.ofSeconds(1));
			}
			catch (IllegalStateException e) {
				steps.add("waitFor: " + e.getMessage().substring(0, "Task cannot await on itself".length()));
			}
			try {
				Async.waitFor(me, Duration.ZERO);
			}
			catch (IllegalStateException e) {
				steps.add("waitFor(0): " + e.getMessage().substring(0, "Task cannot await on itself".length()));
			}
			return "went on";
		});
		assertThat(r).isEqualTo("went on");
		assertThat(steps).containsExactly("Task cannot await on itself", "waitFor: Task cannot await on itself",
				"waitFor(0): Task cannot await on itself");
	}

	/*
	 * Python 3.11 overflows here (RecursionError in Task.cancel, the tasks stay pending); we promise more:
	 * a cycle of tasks awaiting each other is cancellable and the loop closes.
	 */
	@Test
	void aCycleOfTasksAwaitingEachOtherIsCancellableByWaitFor() throws Exception {
		for (int size : new int[] {2, 3, 50}) {
			List<Task<Object>> ring = new ArrayList<>();
			List<String> steps = new ArrayList<>();
			loop.run(() -> {
				for (int i = 0; i < size; i++) {
					int next = (i + 1) % size;
					ring.add(Async.createTask(() -> {
						Async.yieldNow();
						return Async.await(ring.get(next));
					}));
				}
				Async.sleep(Duration.ofMillis(1));
				try {
					Async.waitFor(ring.get(0), Duration.ofMillis(20));
				}
				catch (TimeoutException e) {
					steps.add("timeout");
				}
				for (Task<Object> t : ring) {
					try {
						Async.waitFor(t, Duration.ofSeconds(10));
					}
					catch (CancelledError e) {
						// the outcome expected of every task in the ring
					}
				}
				return null;
			});
			assertThat(steps).as("ring of %d", size).containsExactly("timeout");
			assertThat(ring).allSatisfy(t -> assertThat(t.isCancelled()).isTrue());
		}
	}

	@Test
	void aLoopClosesWithACycleOfTasksStillAwaitingEachOther() throws Exception {
		List<Task<Object>> ring = new ArrayList<>();
		loop.run(() -> {
			for (int i = 0; i < 3; i++) {
				int next = (i + 1) % 3;
				ring.add(Async.createTask(() -> Async.await(ring.get(next))));
			}
			Async.sleep(Duration.ofMillis(1));
			return null;
		});
		loop.close();
		assertThat(ring).allSatisfy(t -> assertThat(t.isCancelled()).isTrue());
	}
}
