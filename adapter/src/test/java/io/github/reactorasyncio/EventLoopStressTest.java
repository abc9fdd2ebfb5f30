package io.github.reactorasyncio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.reactorasyncio.internal.EventLoopImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class EventLoopStressTest {

	/** Even, and a multiple of 4: half of the tasks suspend, and half of those are cancelled before close. */
	private static final int TASKS = StressSize.of(100_000, 1_000) / 4 * 4;
	private static final int LOOPS = StressSize.of(200, 20);

	@Test
	void closingAfterManyTasksHalfCancelledLeavesNoThreadBehind() throws Exception {
		EventLoop loop = EventLoop.create();
		Sinks.Empty<Void> never = Sinks.empty();
		AtomicInteger finished = new AtomicInteger();
		AtomicInteger cancelled = new AtomicInteger();
		List<Task<Integer>> tasks = new ArrayList<>(TASKS);
		loop.run(() -> {
			for (int i = 0; i < TASKS; i++) {
				int n = i;
				tasks.add(Async.createTask(() -> {
					try {
						if (n % 2 == 0) {
							Async.await(never.asMono()); // suspended until cancelled
						}
						else {
							Async.sleep(Duration.ZERO);
						}
						finished.incrementAndGet();
						return n;
					}
					catch (CancelledError e) {
						cancelled.incrementAndGet();
						throw e;
					}
				}));
			}
			Async.sleep(Duration.ofMillis(1));
			for (int i = 0; i < TASKS; i += 4) {
				tasks.get(i).cancel(); // half of the suspended ones are cancelled before close
			}
			Async.yieldNow();
			return null;
		});
		assertThat(finished).hasValue(TASKS / 2);
		loop.close();
		assertThat(cancelled).hasValue(TASKS / 2);
		assertThat(tasks).allSatisfy(t -> assertThat(t.isDone()).isTrue());
		assertThat(tasks.stream().filter(Future::isCancelled).count()).isEqualTo(TASKS / 2);
		assertThat(((EventLoopImpl) loop).liveThreads()).isZero();
	}

	@Test
	void manyLoopsOpenedAndClosedLeaveNoThreads() throws Exception {
		List<EventLoopImpl> loops = new ArrayList<>();
		for (int i = 0; i < LOOPS; i++) {
			EventLoopImpl loop = (EventLoopImpl) EventLoop.create();
			loops.add(loop);
			loop.run(() -> Async.await(Mono.delay(Duration.ofMillis(1)).then(Mono.just(1))));
			loop.createTask(() -> Async.await(Mono.never()));
			loop.close();
		}
		assertThat(loops).allSatisfy(l -> assertThat(l.liveThreads()).isZero());
	}
}
