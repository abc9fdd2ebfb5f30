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
class EventTest {

	@RegisterExtension
	final Steps steps = new Steps();

	@LoopPerTest.Loop
	private EventLoop loop;

	private Task<Void> waiter(Event event, String name) {
		return Async.createTask(() -> {
			try {
				event.await();
				steps.add(name);
			}
			catch (CancelledError e) {
				steps.add(name + " cancelled");
				throw e;
			}
			return null;
		});
	}

	/*
	 *   ev = asyncio.Event()
	 *   async def waiter(i):
	 *       await ev.wait()
	 *       steps.append(i)
	 *   async def later():
	 *       steps.append("later")
	 *   for i in (1, 2):
	 *       asyncio.create_task(waiter(i))
	 *   await asyncio.sleep(0)
	 *   ev.set()
	 *   asyncio.create_task(later())
	 *   await asyncio.sleep(0.01)
	 *   print(steps)   # 3.12, 3.13: [1, 2, 'later']
	 */
	@Test
	void setWakesItsWaitersBeforeATaskCreatedAfterIt() throws Exception {
		loop.run(() -> {
			Event event = Event.create();
			Task<Void> w1 = waiter(event, "1");
			Task<Void> w2 = waiter(event, "2");
			Async.yieldNow();
			event.set();
			Task<Void> later = Async.createTask(() -> {
				steps.add("later");
				return null;
			});
			Async.gather(w1, w2, later);
			return null;
		});
		assertThat(steps).containsExactly("1", "2", "later");
	}

	@Test
	void setWakesEveryWaiterInFifoOrder() throws Exception {
		loop.run(() -> {
			Event event = Event.create();
			List<Task<Void>> tasks = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				tasks.add(waiter(event, "w" + i));
			}
			Async.yieldNow();
			assertThat(steps).isEmpty();
			assertThat(event).hasToString("Event[CLEAR, waiters=4]");
			event.set();
			steps.add("set");
			for (Task<Void> t : tasks) {
				Async.await(t);
			}
			return null;
		});
		assertThat(steps).containsExactly("set", "w0", "w1", "w2", "w3");
	}

	@Test
	void awaitOfASetEventReturnsWithoutSuspendingUntilCleared() throws Exception {
		loop.run(() -> {
			Event event = Event.create();
			event.set();
			Async.createTask(() -> steps.add("other"));
			event.await();
			steps.add("passed " + event.state());
			event.clear();
			assertThat(event.isSet()).isFalse();
			Task<Void> w = waiter(event, "after clear");
			Async.yieldNow();
			steps.add("still waiting");
			event.set();
			Async.await(w);
			return null;
		});
		assertThat(steps).containsExactly("passed SET", "other", "still waiting", "after clear");
	}

	@Test
	void cancellingOneWaiterRightAfterSetLeavesTheOthersWoken() throws Exception {
		loop.run(() -> {
			Event event = Event.create();
			Task<Void> a = waiter(event, "a");
			Task<Void> b = waiter(event, "b");
			Task<Void> c = waiter(event, "c");
			Async.yieldNow();
			event.set();
			b.cancel();
			Async.await(a);
			Async.await(c);
			assertThat(b.isCancelled()).isTrue();
			assertThat(event).hasToString("Event[SET, waiters=0]");
			return null;
		});
		// b's future was already set, so its cancel only marks it: all three wake in FIFO order, b with the
		// CancelledError instead of the value (CPython's _must_cancel)
		assertThat(steps).containsExactly("a", "b cancelled", "c");
	}

	@Test
	void settingFromAnotherThreadAfterBindingIsRefusedWithAHint() throws Exception {
		Event event = Event.create();
		loop.run(() -> {
			event.clear();
			return null;
		});
		assertThatThrownBy(event::set).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("loop.callSoon");
		loop.run(() -> {
			Task<Void> w = waiter(event, "woken");
			Async.yieldNow();
			Async.currentLoop().callSoon(event::set);
			Async.await(w);
			return null;
		});
		assertThat(steps).containsExactly("woken");
	}
}
