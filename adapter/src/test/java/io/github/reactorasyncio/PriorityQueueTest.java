package io.github.reactorasyncio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class PriorityQueueTest {

	@Test
	void smallestComesOutFirstInNaturalOrder() throws Exception {
		List<Integer> out = Async.run(() -> {
			PriorityQueue<Integer> q = PriorityQueue.create();
			for (int i : new int[] {5, 1, 4, 2, 3}) {
				q.putNowait(i);
			}
			List<Integer> got = new ArrayList<>();
			while (!q.empty()) {
				got.add(q.get());
			}
			return got;
		});
		assertThat(out).containsExactly(1, 2, 3, 4, 5);
	}

	@Test
	void comparatorDecidesAndTheBoundHolds() throws Exception {
		List<String> out = Async.run(() -> {
			PriorityQueue<String> q = PriorityQueue.create(2, Comparator.comparing(String::length));
			q.put("ccc");
			q.put("a");
			Task<Void> p = Async.createTask(() -> {
				q.put("bb");
				return null;
			});
			Async.yieldNow();
			assertThat(p.isDone()).isFalse();
			List<String> got = new ArrayList<>();
			got.add(q.get());
			Async.await(p);
			got.add(q.get());
			got.add(q.get());
			return got;
		});
		assertThat(out).containsExactly("a", "bb", "ccc");
	}

	@Test
	void anItemThatIsNotComparableIsRefusedWithoutCorruptingTheQueue() throws Exception {
		Async.run(() -> {
			PriorityQueue<Object> q = PriorityQueue.create();
			assertThatThrownBy(() -> q.putNowait(new Object())).isInstanceOf(ClassCastException.class);
			assertThat(q.qsize()).isZero();
			assertThat(q).hasToString("PriorityQueue[OPEN, maxsize=0, qsize=0, getters=0, putters=0, unfinished=0]");
			return null;
		});
	}
}
