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
class LockTest {

	@RegisterExtension
	final Steps steps = new Steps();

	@LoopPerTest.Loop
	private EventLoop loop;

	/** A task that takes the lock, records its name while holding it across a yield, and releases it. */
	private Task<Void> waiter(Lock lock, String name) {
		return Async.createTask(() -> {
			try (Held held = lock.acquire()) {
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
	void uncontendedAcquireDoesNotSuspend() throws Exception {
		loop.run(() -> {
			Lock lock = Lock.create();
			Async.createTask(() -> steps.add("other"));
			Held held = lock.acquire();
			steps.add("acquired " + lock.state());
			held.close();
			steps.add("released " + lock.state());
			Async.yieldNow();
			return null;
		});
		assertThat(steps).containsExactly("acquired LOCKED", "released UNLOCKED", "other");
	}

	@Test
	void waitersAcquireInFifoOrderAndExcludeEachOther() throws Exception {
		loop.run(() -> {
			Lock lock = Lock.create();
			List<Task<Void>> tasks = new ArrayList<>();
			try (Held held = lock.acquire()) {
				for (int i = 0; i < 5; i++) {
					tasks.add(waiter(lock, "w" + i));
				}
				Async.yieldNow();
				assertThat(lock.toString()).isEqualTo("Lock[LOCKED, waiters=5]");
			}
			for (Task<Void> t : tasks) {
				Async.await(t);
			}
			return null;
		});
		assertThat(steps).containsExactly("w0", "w0 out", "w1", "w1 out", "w2", "w2 out", "w3", "w3 out", "w4",
				"w4 out");
	}

	@Test
	void newcomerWaitsBehindAWaiterThatWasGrantedButHasNotRunYet() throws Exception {
		loop.run(() -> {
			Lock lock = Lock.create();
			lock.acquire();
			Task<Void> first = waiter(lock, "first");
			Async.yieldNow();
			lock.release();
			assertThat(lock.locked()).isFalse();
			Task<Void> late = waiter(lock, "late");
			Async.await(first);
			Async.await(late);
			return null;
		});
		assertThat(steps).containsExactly("first", "first out", "late", "late out");
	}

	@Test
	void waiterCancelledRightAfterTheGrantPassesTheLockOn() throws Exception {
		loop.run(() -> {
			Lock lock = Lock.create();
			lock.acquire();
			Task<Void> b = waiter(lock, "b");
			Task<Void> c = waiter(lock, "c");
			Async.yieldNow();
			lock.release(); // grants b: its future is done, its step queued, not run yet
			b.cancel();
			Async.await(c);
			assertThat(b.isCancelled()).isTrue();
			assertThat(lock.state()).isEqualTo(Lock.State.UNLOCKED);
			return null;
		});
		assertThat(steps).containsExactly("b cancelled", "c", "c out");
	}

	/*
	 * A woken waiter's wake-up is its step (CPython's __wakeup runs __step): after one yield it holds the lock,
	 * so a cancel then lands inside it, and the release passes the lock on.
	 *
	 *   await lock.acquire()
	 *   b = asyncio.create_task(waiter("b")); c = asyncio.create_task(waiter("c"))
	 *   await asyncio.sleep(0)
	 *   lock.release()
	 *   await asyncio.sleep(0)   # b takes the lock and yields inside it
	 *   b.cancel()
	 *   await c
	 *   print(steps, lock.locked())   # 3.13: ['b', 'b cancelled', 'c', 'c out'] False
	 */
	@Test
	void waiterCancelledAfterItsWakeUpRanStillPassesTheLockOn() throws Exception {
		loop.run(() -> {
			Lock lock = Lock.create();
			lock.acquire();
			Task<Void> b = waiter(lock, "b");
			Task<Void> c = waiter(lock, "c");
			Async.yieldNow();
			lock.release();
			Async.yieldNow(); // b's wake-up is b's step: b takes the lock and yields inside it
			b.cancel();
			Async.await(c);
			assertThat(lock.locked()).isFalse();
			return null;
		});
		assertThat(steps).containsExactly("b", "b cancelled", "c", "c out");
	}

	@Test
	void waiterCancelledBeforeTheGrantLeavesTheQueue() throws Exception {
		loop.run(() -> {
			Lock lock = Lock.create();
			lock.acquire();
			Task<Void> b = waiter(lock, "b");
			Task<Void> c = waiter(lock, "c");
			Async.yieldNow();
			b.cancel();
			Async.yieldNow(); // b's cancelled future queues b's step at once (call_soon(__wakeup)): b leaves the queue
			assertThat(lock.toString()).isEqualTo("Lock[LOCKED, waiters=1]");
			lock.release();
			Async.await(c);
			return null;
		});
		assertThat(steps).containsExactly("b cancelled", "c", "c out");
	}

	@Test
	void closingTheHandleReleasesOnExceptionAndOnlyOnce() throws Exception {
		loop.run(() -> {
			Lock lock = Lock.create();
			Held first = lock.acquire();
			assertThatThrownBy(() -> {
				try (first) {
					throw new IllegalArgumentException("boom");
				}
			}).isInstanceOf(IllegalArgumentException.class);
			assertThat(lock.locked()).isFalse();
			Held second = lock.acquire();
			first.close(); // stale handle: must not release the second acquisition
			assertThat(lock.locked()).isTrue();
			second.close();
			assertThat(lock.locked()).isFalse();
			return null;
		});
	}

	@Test
	void releaseOfAnUnlockedLockNamesTheState() throws Exception {
		loop.run(() -> {
			Lock lock = Lock.create();
			assertThatThrownBy(lock::release).isInstanceOf(InvalidStateException.class)
					.hasMessageContaining("Lock[UNLOCKED")
					.hasMessageContaining("once per acquire()");
			return null;
		});
	}

	@Test
	void aLockIsBoundToTheLoopOfItsFirstUse(@LoopPerTest.Another EventLoop other) throws Exception {
		Lock lock = Lock.create();
		loop.run(() -> {
			lock.acquire().close();
			return null;
		});
		try (other) {
			assertThatThrownBy(() -> other.run(() -> lock.acquire())).isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("bound to a different event loop");
		}
		assertThatThrownBy(lock::acquire).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("outside a coroutine");
	}

	/** Issue 11 item 5: acquire() is a coroutine method, whether or not the lock is free. */
	@Test
	void acquireOutsideACoroutineThrowsEvenWhenTheLockIsFree() throws Exception {
		Lock lock = Lock.create();
		assertThatThrownBy(lock::acquire).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("outside a coroutine");
		assertThat(lock.state()).isEqualTo(Lock.State.UNLOCKED);
		java.util.concurrent.CompletableFuture<Throwable> fromCallback = new java.util.concurrent.CompletableFuture<>();
		loop.callSoon(() -> {
			try {
				lock.acquire();
				fromCallback.complete(null);
			}
			catch (Throwable e) {
				fromCallback.complete(e);
			}
		});
		assertThat(fromCallback.get(10, java.util.concurrent.TimeUnit.SECONDS))
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("not from a coroutine");
		assertThat(loop.run(() -> {
			try (Held held = lock.acquire()) {
				return lock.state();
			}
		})).isEqualTo(Lock.State.LOCKED);
	}
}
