package io.github.reactorasyncio.spring;

import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.EventLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class EventLoopPoolTest {

	@Test
	void handsOutLoopsRoundRobin() {
		try (EventLoopPool pool = EventLoopPool.create(3)) {
			List<EventLoop> seen = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				seen.add(pool.next());
			}
			assertThat(pool.size()).isEqualTo(3);
			assertThat(seen).containsExactly(pool.loops().get(0), pool.loops().get(1), pool.loops().get(2),
					pool.loops().get(0), pool.loops().get(1), pool.loops().get(2));
			assertThat(pool.loops()).doesNotHaveDuplicates();
		}
	}

	@Test
	void monoRunsEachSubscriptionOnTheNextLoop() {
		try (EventLoopPool pool = EventLoopPool.create(2)) {
			Mono<EventLoop> whereAmI = pool.mono(Async::currentLoop);
			List<EventLoop> loops = Flux.range(0, 4).concatMap(i -> whereAmI).collectList().block();
			assertThat(loops).containsExactly(pool.loops().get(0), pool.loops().get(1), pool.loops().get(0),
					pool.loops().get(1));
		}
	}

	@Test
	void closeClosesEveryLoopAndIsIdempotent() {
		EventLoopPool pool = EventLoopPool.create(2, loop -> loop.setDebug(true));
		assertThat(pool.loops()).allMatch(EventLoop::isDebug);
		pool.close();
		pool.close();
		assertThat(pool.isClosed()).isTrue();
		assertThat(pool.loops()).allMatch(EventLoop::isClosed);
		assertThatThrownBy(pool::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
	}

	@Test
	void rejectsAnEmptyPool() {
		assertThatThrownBy(() -> EventLoopPool.create(0)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("at least one loop");
	}
}
