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
class QueueTest {

	@RegisterExtension
	final Steps steps = new Steps();

	@LoopPerTest.Loop
	private EventLoop loop;

	private Task<String> getter(Queue<String> q, String name) {
		return Async.createTask(() -> {
			try {
				String item = q.get();
				steps.add(name + " got " + item);
				return item;
			}
			catch (CancelledError | QueueShutDownException e) {
				steps.add(name + " " + e.getClass().getSimpleName());
				throw e;
			}
		});
	}

	private Task<Void> putter(Queue<String> q, String name, String item) {
		return Async.createTask(() -> {
			try {
				q.put(item);
				steps.add(name + " put " + item);
			}
			catch (CancelledError | QueueShutDownException e) {
				steps.add(name + " " + e.getClass().getSimpleName());
				throw e;
			}
			return null;
		});
	}

	@Test
	void itemsComeOutFifoAndBlockedGettersWakeFifo() throws Exception {
		loop.run(() -> {
			Queue<String> q = Queue.create();
			List<Task<String>> getters = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				getters.add(getter(q, "g" + i));
			}
			Async.yieldNow();
			assertThat(q).hasToString("Queue[OPEN, maxsize=0, qsize=0, getters=3, putters=0, unfinished=0]");
			q.putNowait("x");
			q.putNowait("y");
			q.putNowait("z");
			for (Task<String> g : getters) {
				Async.await(g);
			}
			return null;
		});
		assertThat(steps).containsExactly("g0 got x", "g1 got y", "g2 got z");
	}

	@Test
	void putSuspendsWhileFullAndPuttersWakeFifo() throws Exception {
		loop.run(() -> {
			Queue<String> q = Queue.create(1);
			q.put("a");
			assertThat(q.full()).isTrue();
			Task<Void> p1 = putter(q, "p1", "b");
			Task<Void> p2 = putter(q, "p2", "c");
			Async.yieldNow();
			assertThat(steps).isEmpty();
			steps.add("got " + q.get());
			Async.await(p1);
			steps.add("got " + q.get());
			Async.await(p2);
			steps.add("got " + q.get());
			return null;
		});
		assertThat(steps).containsExactly("got a", "p1 put b", "got b", "p2 put c", "got c");
	}

	@Test
	void getterCancelledRightAfterAPutLeavesTheItemForTheNext() throws Exception {
		loop.run(() -> {
			Queue<String> q = Queue.create();
			Task<String> b = getter(q, "b");
			Task<String> c = getter(q, "c");
			Async.yieldNow();
			q.putNowait("item"); // wakes b
			b.cancel();
			Async.await(c);
			assertThat(q.empty()).isTrue();
			return null;
		});
		assertThat(steps).containsExactly("b CancelledError", "c got item");
	}

	@Test
	void putterCancelledRightAfterAGetLeavesTheSlotForTheNext() throws Exception {
		loop.run(() -> {
			Queue<String> q = Queue.create(1);
			q.putNowait("first");
			Task<Void> b = putter(q, "b", "from b");
			Task<Void> c = putter(q, "c", "from c");
			Async.yieldNow();
			q.getNowait(); // wakes b
			b.cancel();
			Async.await(c);
			assertThat(q.getNowait()).isEqualTo("from c");
			return null;
		});
		assertThat(steps).containsExactly("b CancelledError", "c put from c");
	}

	@Test
	void nowaitVariantsThrowWhenEmptyOrFull() throws Exception {
		loop.run(() -> {
			Queue<String> q = Queue.create(1);
			assertThatThrownBy(q::getNowait).isInstanceOf(QueueEmptyException.class)
					.hasMessageContaining("qsize=0").hasMessageContaining("get()");
			q.putNowait("a");
			assertThatThrownBy(() -> q.putNowait("b")).isInstanceOf(QueueFullException.class)
					.hasMessageContaining("maxsize=1").hasMessageContaining("put()");
			assertThat(q.qsize()).isEqualTo(1);
			return null;
		});
	}

	@Test
	void joinWaitsUntilEveryItemIsMarkedDone() throws Exception {
		loop.run(() -> {
			Queue<String> q = Queue.create();
			q.join(); // nothing unfinished: returns at once
			q.putNowait("a");
			q.putNowait("b");
			Async.createTask(() -> {
				for (int i = 0; i < 2; i++) {
					String item = q.get();
					Async.yieldNow();
					steps.add("done " + item);
					q.taskDone();
				}
				return null;
			});
			q.join();
			steps.add("joined");
			assertThatThrownBy(q::taskDone).isInstanceOf(InvalidStateException.class)
					.hasMessageContaining("unfinished=0").hasMessageContaining("more times than items were put");
			return null;
		});
		assertThat(steps).containsExactly("done a", "done b", "joined");
	}

	@Test
	void shutdownFailsPutsAndLetsGetsDrainThenFail() throws Exception {
		loop.run(() -> {
			Queue<String> q = Queue.create(1);
			q.putNowait("left");
			Task<Void> blockedPutter = putter(q, "p", "late");
			Async.yieldNow();
			q.shutdown();
			assertThat(q.state()).isEqualTo(Queue.State.SHUT_DOWN);
			assertThatThrownBy(() -> Async.await(blockedPutter)).isInstanceOf(QueueShutDownException.class);
			assertThatThrownBy(() -> q.putNowait("x")).isInstanceOf(QueueShutDownException.class)
					.hasMessageContaining("SHUT_DOWN");
			assertThat(q.get()).isEqualTo("left");
			assertThatThrownBy(q::get).isInstanceOf(QueueShutDownException.class);
			assertThatThrownBy(q::getNowait).isInstanceOf(QueueShutDownException.class);
			return null;
		});
		assertThat(steps).containsExactly("p QueueShutDownException");
	}

	@Test
	void immediateShutdownWakesGettersDropsItemsAndReleasesJoin() throws Exception {
		loop.run(() -> {
			Queue<String> waitedOn = Queue.create();
			Task<String> g = getter(waitedOn, "g");
			Queue<String> q = Queue.create();
			q.putNowait("a");
			q.putNowait("b");
			Task<Void> joiner = Async.createTask(() -> {
				q.join();
				steps.add("joined");
				return null;
			});
			Async.yieldNow();
			waitedOn.shutdown(true);
			q.shutdown(true);
			assertThat(q.empty()).isTrue();
			assertThatThrownBy(() -> Async.await(g)).isInstanceOf(QueueShutDownException.class);
			Async.await(joiner);
			return null;
		});
		assertThat(steps).containsExactly("g QueueShutDownException", "joined");
	}

	@Test
	void aQueueFilledBeforeTheLoopStartsIsUsableOnItAndThenBound() throws Exception {
		Queue<String> q = Queue.create();
		q.putNowait("before");
		String got = loop.run(q::get);
		assertThat(got).isEqualTo("before");
		assertThatThrownBy(() -> q.putNowait("after")).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("outside that loop");
		assertThatThrownBy(() -> q.putNowait(null)).isInstanceOf(NullPointerException.class);
	}
}
