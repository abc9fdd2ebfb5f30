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
class SemaphoreTest {

	@RegisterExtension
	final Steps steps = new Steps();

	@LoopPerTest.Loop
	private EventLoop loop;

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

	/*
	 *   sem = asyncio.Semaphore(1)
	 *   async def worker(i):
	 *       steps.append("%d asks" % i)
	 *       async with sem:
	 *           steps.append(i)
	 *           await asyncio.sleep(0)
	 *   await sem.acquire()
	 *   for i in (1, 2):
	 *       asyncio.create_task(worker(i))
	 *   await asyncio.sleep(0)          # 1 and 2 wait
	 *   sem.release()                   # wakes 1
	 *   asyncio.create_task(worker(3))  # a later acquirer
	 *   await asyncio.sleep(0.01)
	 *   print(steps)   # 3.12, 3.13: ['1 asks', '2 asks', 1, '3 asks', 2, 3]
	 */
	@Test
	void aWokenWaiterRunsBeforeALaterAcquirerAndTheOrderStaysFifo() throws Exception {
		loop.run(() -> {
			Semaphore sem = Semaphore.create(1);
			Held held = sem.acquire();
			List<Task<Void>> tasks = new ArrayList<>();
			for (String name : List.of("1", "2")) {
				tasks.add(fifoWorker(sem, name));
			}
			Async.yieldNow();
			held.close();
			tasks.add(fifoWorker(sem, "3"));
			Async.gather(tasks);
			return null;
		});
		assertThat(steps).containsExactly("1 asks", "2 asks", "1", "3 asks", "2", "3");
	}

	private Task<Void> fifoWorker(Semaphore sem, String name) {
		return Async.createTask(() -> {
			steps.add(name + " asks");
			try (Held permit = sem.acquire()) {
				steps.add(name);
				Async.yieldNow();
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

	/*
	 * A woken waiter's wake-up is its step (CPython's __wakeup runs __step): after one yield it holds the permit,
	 * so a cancel then lands inside it, and its release passes the permit on.
	 *
	 *   await sem.acquire()   # sem = asyncio.Semaphore(1)
	 *   b = asyncio.create_task(waiter("b")); c = asyncio.create_task(waiter("c"))
	 *   await asyncio.sleep(0)
	 *   sem.release()
	 *   await asyncio.sleep(0)   # b takes the permit and yields inside it
	 *   b.cancel()
	 *   await c
	 *   print(steps, sem.locked())   # 3.13: ['b', 'b cancelled', 'c', 'c out'] False
	 */
	@Test
	void waiterCancelledAfterItsWakeUpRanGivesThePermitToTheNext() throws Exception {
		loop.run(() -> {
			Semaphore sem = Semaphore.create(1);
			Held held = sem.acquire();
			Task<Void> b = worker(sem, "b");
			Task<Void> c = worker(sem, "c");
			Async.yieldNow();
			held.close();
			Async.yieldNow(); // b's wake-up is b's step: b takes the permit and yields holding it
			b.cancel();
			Async.await(c);
			assertThat(sem.value()).isEqualTo(1);
			return null;
		});
		assertThat(steps).containsExactly("b", "b cancelled", "c", "c out");
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
