package io.github.reactorasyncio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Async#iterate(org.reactivestreams.Publisher)} and {@link AsyncIterator}. */
@Timeout(30)
@ExtendWith(LoopPerTest.class)
class AsyncIteratorTest {

	@RegisterExtension
	final Steps steps = new Steps();

	@LoopPerTest.Loop
	private EventLoop loop;

	private static <T> List<T> drain(AsyncIterator<T> it) {
		List<T> out = new ArrayList<>();
		while (it.hasNext()) {
			out.add(it.next());
		}
		return out;
	}

	@Test
	void iteratesEveryElementThenReportsTheEnd() throws Exception {
		loop.run(() -> {
			try (AsyncIterator<Integer> it = Async.iterate(Flux.range(0, 100))) {
				assertThat(it.state()).isEqualTo(AsyncIterator.State.ACTIVE);
				assertThat(drain(it)).hasSize(100).startsWith(0, 1, 2).endsWith(99);
				assertThat(it.hasNext()).isFalse();
				assertThat(it).hasToString("AsyncIterator[EXHAUSTED, buffered=0]");
				assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
			}
			return null;
		});
	}

	@Test
	void requestsInBatchesOf32ThenReplenishesBy24() throws Exception {
		List<Long> requests = new ArrayList<>();
		loop.run(() -> {
			try (AsyncIterator<Integer> it = Async.iterate(Flux.range(0, 100).doOnRequest(requests::add))) {
				drain(it);
			}
			return null;
		});
		assertThat(requests).containsExactly(32L, 24L, 24L, 24L, 24L);
	}

	@Test
	void hasNextSuspendsTheCoroutineSoOthersRunUntilAnElementArrives() throws Exception {
		loop.run(() -> {
			Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer();
			Async.createTask(() -> {
				steps.add("producer");
				sink.tryEmitNext("a");
				Async.yieldNow();
				sink.tryEmitComplete();
				return null;
			});
			try (AsyncIterator<String> it = Async.iterate(sink.asFlux())) {
				while (it.hasNext()) {
					steps.add("got " + it.next());
				}
			}
			steps.add("end");
			return null;
		});
		assertThat(steps).containsExactly("producer", "got a", "end");
	}

	@Test
	void elementsSignalledOnOtherThreadsArriveInOrder() throws Exception {
		List<Integer> got = loop.run(() -> {
			try (AsyncIterator<Integer> it = Async.iterate(Flux.range(0, 2_000).publishOn(Schedulers.parallel()))) {
				return drain(it);
			}
		});
		assertThat(got).hasSize(2_000);
		for (int i = 0; i < got.size(); i++) {
			assertThat(got.get(i)).isEqualTo(i);
		}
	}

	@Test
	void publisherErrorIsThrownAsTheSameInstanceAfterTheElementsBeforeIt() throws Exception {
		IOException boom = new IOException("boom");
		loop.run(() -> {
			try (AsyncIterator<Integer> it = Async.iterate(Flux.concat(Flux.just(1, 2), Flux.error(boom)))) {
				assertThat(it.next()).isEqualTo(1);
				assertThat(it.next()).isEqualTo(2);
				assertThatThrownBy(it::hasNext).isSameAs(boom);
				assertThat(it.hasNext()).isFalse();
			}
			return null;
		});
	}

	@Test
	void closingEarlyCancelsTheSubscription() throws Exception {
		AtomicBoolean cancelled = new AtomicBoolean();
		AtomicInteger produced = new AtomicInteger();
		AsyncIterator<Integer> closed = loop.run(() -> {
			try (AsyncIterator<Integer> it = Async.iterate(
					Flux.range(0, 1_000_000).doOnNext(i -> produced.incrementAndGet()).doOnCancel(() -> cancelled.set(true)))) {
				for (int i = 0; i < 3; i++) {
					it.next();
				}
				return it;
			}
		});
		assertThat(closed.state()).isEqualTo(AsyncIterator.State.CLOSED);
		assertThat(cancelled).isTrue();
		assertThat(produced.get()).isEqualTo(32);
	}

	@Test
	void cancellingTheTaskWhileItWaitsCancelsTheSubscription() throws Exception {
		AtomicBoolean cancelled = new AtomicBoolean();
		loop.run(() -> {
			Task<Void> consumer = Async.createTask(() -> {
				AsyncIterator<Object> it = Async.iterate(Flux.never().doOnCancel(() -> cancelled.set(true)));
				try {
					it.hasNext();
				}
				catch (CancelledError e) {
					steps.add("cancelled at hasNext");
					throw e;
				}
				return null;
			});
			Async.yieldNow();
			consumer.cancel();
			assertThatThrownBy(() -> Async.await(consumer)).isInstanceOf(CancelledError.class);
			return null;
		});
		assertThat(steps).containsExactly("cancelled at hasNext");
		assertThat(cancelled).isTrue();
	}

	@Test
	void iteratingAGeneratorOnTheSameLoopKeepsItWithinThePrefetch() throws Exception {
		int[] emitted = {0};
		int[] maxAhead = {0};
		loop.run(() -> {
			Flux<Integer> gen = Async.flux(emitter -> {
				for (int i = 0; i < 200; i++) {
					emitter.emit(i);
					emitted[0]++;
				}
			});
			int consumed = 0;
			try (AsyncIterator<Integer> it = Async.iterate(gen)) {
				while (it.hasNext()) {
					assertThat(it.next()).isEqualTo(consumed);
					consumed++;
					maxAhead[0] = Math.max(maxAhead[0], emitted[0] - consumed);
					Async.yieldNow(); // a slow consumer: the generator gets to run ahead as far as it may
				}
			}
			assertThat(consumed).isEqualTo(200);
			return null;
		});
		assertThat(maxAhead[0]).isBetween(1, 32);
	}

	@Test
	void iterateOutsideACoroutineOrUseFromAnotherThreadIsRefused() throws Exception {
		assertThatThrownBy(() -> Async.iterate(Flux.just(1))).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("outside a coroutine");
		AsyncIterator<Integer> it = loop.run(() -> Async.iterate(Flux.just(1)));
		assertThatThrownBy(it::hasNext).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("outside the loop");
	}
}
