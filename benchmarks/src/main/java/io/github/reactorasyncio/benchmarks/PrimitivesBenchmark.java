package io.github.reactorasyncio.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.AsyncIterator;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.Held;
import io.github.reactorasyncio.Lock;
import io.github.reactorasyncio.Queue;
import io.github.reactorasyncio.Task;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The primitives and async iteration, each beside what a Reactor user would write, in one run; ops/s.
 * <ul>
 *   <li>{@code lockContended}: 4 tasks each taking a {@link Lock} 10,000 times with a yield inside, so
 *   every acquire but the first of a turn waits; one op is one acquire/release. {@code yieldOnly} is the
 *   same 4 tasks yielding without the lock: the difference is the lock's cost.</li>
 *   <li>{@code queueProducerConsumer}: 1,000,000 items through a {@link Queue} of maxsize 256 from a
 *   producer task to a consumer task; one op is one item.</li>
 *   <li>{@code sinksUnicastSameThread}: the same items through {@code Sinks.many().unicast()
 *   .onBackpressureBuffer()} to a subscriber requesting 256 at a time, emitted and consumed on the
 *   benchmark thread. {@code sinksUnicastPublishOn} crosses to {@code Schedulers.single()} with
 *   {@code publishOn}, as a producer/consumer pair on two threads.</li>
 *   <li>{@code fluxIterate}: 1,000,000 items from {@code Async.flux} (emit suspends on demand) read with
 *   {@code Async.iterate} (batches of 32) in another task of the same loop.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class PrimitivesBenchmark {

	static final int LOCK_TASKS = 4;
	static final int LOCK_ROUNDS = 10_000;
	static final int ITEMS = 1_000_000;
	static final int QUEUE_SIZE = 256;

	EventLoop loop;
	Scheduler single;

	@Setup(Level.Trial)
	public void setUp() {
		loop = EventLoop.create();
		single = Schedulers.newSingle("sink-consumer");
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		loop.close();
		single.dispose();
	}

	@Benchmark
	@OperationsPerInvocation(LOCK_TASKS * LOCK_ROUNDS)
	@SuppressWarnings("try") // the lock is held by the try-with-resources; its body never names it
	public Object lockContended() throws Exception {
		return loop.run(() -> {
			Lock lock = Lock.create();
			int[] counter = {0};
			List<Task<Void>> tasks = new ArrayList<>();
			for (int t = 0; t < LOCK_TASKS; t++) {
				tasks.add(Async.createTask(() -> {
					for (int i = 0; i < LOCK_ROUNDS; i++) {
						try (Held held = lock.acquire()) {
							Async.yieldNow();
							counter[0]++;
						}
					}
					return null;
				}));
			}
			for (Task<Void> t : tasks) {
				Async.await(t);
			}
			return counter[0];
		});
	}

	@Benchmark
	@OperationsPerInvocation(LOCK_TASKS * LOCK_ROUNDS)
	public Object yieldOnly() throws Exception {
		return loop.run(() -> {
			int[] counter = {0};
			List<Task<Void>> tasks = new ArrayList<>();
			for (int t = 0; t < LOCK_TASKS; t++) {
				tasks.add(Async.createTask(() -> {
					for (int i = 0; i < LOCK_ROUNDS; i++) {
						Async.yieldNow();
						counter[0]++;
					}
					return null;
				}));
			}
			for (Task<Void> t : tasks) {
				Async.await(t);
			}
			return counter[0];
		});
	}

	@Benchmark
	@OperationsPerInvocation(ITEMS)
	public Object queueProducerConsumer() throws Exception {
		return loop.run(() -> {
			Queue<Integer> q = Queue.create(QUEUE_SIZE);
			Task<Long> consumer = Async.createTask(() -> {
				long sum = 0;
				for (int i = 0; i < ITEMS; i++) {
					sum += q.get();
				}
				return sum;
			});
			for (int i = 0; i < ITEMS; i++) {
				q.put(i);
			}
			return Async.await(consumer);
		});
	}

	@Benchmark
	@OperationsPerInvocation(ITEMS)
	public Object sinksUnicastSameThread() throws Exception {
		Sinks.Many<Integer> sink = Sinks.many().unicast().onBackpressureBuffer();
		Summing consumer = new Summing();
		sink.asFlux().subscribe(consumer);
		for (int i = 0; i < ITEMS; i++) {
			sink.tryEmitNext(i);
		}
		sink.tryEmitComplete();
		consumer.done.await();
		return consumer.sum;
	}

	@Benchmark
	@OperationsPerInvocation(ITEMS)
	public Object sinksUnicastPublishOn() throws Exception {
		Sinks.Many<Integer> sink = Sinks.many().unicast().onBackpressureBuffer();
		Summing consumer = new Summing();
		sink.asFlux().publishOn(single, QUEUE_SIZE).subscribe(consumer);
		for (int i = 0; i < ITEMS; i++) {
			sink.tryEmitNext(i);
		}
		sink.tryEmitComplete();
		consumer.done.await();
		return consumer.sum;
	}

	@Benchmark
	@OperationsPerInvocation(ITEMS)
	public Object fluxIterate() throws Exception {
		return loop.run(() -> {
			Flux<Integer> numbers = Async.flux(emitter -> {
				for (int i = 0; i < ITEMS; i++) {
					emitter.emit(i);
				}
			});
			long sum = 0;
			try (AsyncIterator<Integer> it = Async.iterate(numbers)) {
				while (it.hasNext()) {
					sum += it.next();
				}
			}
			return sum;
		});
	}

	/** Requests {@link #QUEUE_SIZE} at a time, like a bounded consumer; sums what it gets. */
	static final class Summing extends BaseSubscriber<Integer> {
		final CountDownLatch done = new CountDownLatch(1);
		long sum;
		int taken;

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			subscription.request(QUEUE_SIZE);
		}

		@Override
		protected void hookOnNext(Integer value) {
			sum += value;
			if (++taken == QUEUE_SIZE) {
				taken = 0;
				request(QUEUE_SIZE);
			}
		}

		@Override
		protected void hookFinally(reactor.core.publisher.SignalType type) {
			done.countDown();
		}
	}
}
