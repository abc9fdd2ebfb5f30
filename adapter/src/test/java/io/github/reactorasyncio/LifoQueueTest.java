package io.github.reactorasyncio;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class LifoQueueTest {

	@Test
	void lastPutComesOutFirstWithinTheBound() throws Exception {
		List<String> out = Async.run(() -> {
			LifoQueue<String> q = LifoQueue.create(3);
			q.put("a");
			q.put("b");
			q.put("c");
			assertThatThrownBy(() -> q.putNowait("d")).isInstanceOf(QueueFullException.class)
					.hasMessageContaining("LifoQueue[OPEN, maxsize=3");
			List<String> got = new ArrayList<>();
			while (!q.empty()) {
				got.add(q.get());
			}
			return got;
		});
		assertThat(out).containsExactly("c", "b", "a");
	}

	@Test
	void blockedGetterGetsTheNewestItem() throws Exception {
		String got = Async.run(() -> {
			LifoQueue<String> q = LifoQueue.create();
			Task<String> g = Async.createTask(q::get);
			Async.yieldNow();
			q.putNowait("old");
			q.putNowait("new");
			return Async.await(g);
		});
		assertThat(got).isEqualTo("new");
	}
}
