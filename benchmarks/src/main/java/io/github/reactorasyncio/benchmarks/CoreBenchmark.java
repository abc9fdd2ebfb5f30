package io.github.reactorasyncio.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.EventLoopGroup;
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
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The core adapter's costs, each beside what a Reactor user would write by hand, in one run:
 * <ul>
 *   <li>{@code switchPingPong}: two tasks alternating on {@code sleep(ZERO)}; ns per switch
 *   ({@code switchPingPongOneCarrier}: the same on a loop whose threads share one carrier).</li>
 *   <li>{@code awaitCompletedMono}: await of {@code Mono.just}; ns per await (no switch).</li>
 *   <li>{@code switchPingPongTwoLoops}: the same ping-pong pair on each loop of an {@code EventLoopGroup} of 2, both
 *   at once; ns per switch over the switches of both loops (so half of {@code switchPingPong}'s figure means
 *   twice the throughput). The group's own policy applies (on 2 processors its loops do not spin on a hand-off);
 *   {@link LoopGroupBenchmark} compares the policies, and more loops.</li>
 *   <li>{@code spawnAndJoin}: create 100,000 tasks and await each; score is per task
 *   ({@code spawnAndJoinEager}: the same on a loop with {@code setEagerTasks(true)}, Python 3.12's eager task
 *   factory; the tasks finish in their first step; {@code spawnAndJoinEagerNoSpin}: the same with the loop's
 *   hand-off spin off, see {@code EventLoop.setHandoffSpin}).</li>
 *   <li>{@code pipelineCoroutine} vs {@code pipelineFlatMap}: ten dependent steps as awaits in a coroutine,
 *   and as a hand-written {@code flatMap} chain on {@code Schedulers.single()}; both blocked for.</li>
 * </ul>
 * Memory per suspended task is measured by {@link MemoryPerTask}, which JMH cannot do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xmx4g", "--add-opens", "java.base/java.lang=ALL-UNNAMED" })
public class CoreBenchmark {

	static final int SWITCHES = 20_000;
	static final int AWAITS = 100_000;
	static final int TASKS = 100_000;
	static final int STEPS = 10;

	EventLoop loop;
	EventLoop oneCarrier;
	EventLoop eager;
	EventLoop eagerNoSpin;
	EventLoopGroup two;
	Scheduler single;

	@Setup(Level.Trial)
	public void setUp() {
		loop = EventLoop.create();
		oneCarrier = EventLoop.createOnOneCarrier();
		eager = EventLoop.create();
		eager.setEagerTasks(true);
		eagerNoSpin = EventLoop.create();
		eagerNoSpin.setEagerTasks(true);
		eagerNoSpin.setHandoffSpin(false);
		two = EventLoopGroup.create(2);
		single = Schedulers.newSingle("pipeline-baseline");
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		loop.close();
		oneCarrier.close();
		eager.close();
		eagerNoSpin.close();
		two.close();
		single.dispose();
	}

	@Benchmark
	@OperationsPerInvocation(2 * SWITCHES)
	public Object switchPingPong() throws Exception {
		return pingPong(loop);
	}

	/** The same on {@code EventLoop.createOnOneCarrier()}: the optional mode that needs {@code --add-opens}. */
	@Benchmark
	@OperationsPerInvocation(2 * SWITCHES)
	public Object switchPingPongOneCarrier() throws Exception {
		return pingPong(oneCarrier);
	}

	/** A ping-pong pair on each of two loops at once: the aggregate switch throughput of two loops on two cores. */
	@Benchmark
	@OperationsPerInvocation(4 * SWITCHES)
	public Object switchPingPongTwoLoops() {
		return Mono.zip(pingPongMono(two.loops().get(0)), pingPongMono(two.loops().get(1)), Integer::sum).block();
	}

	private static Mono<Integer> pingPongMono(EventLoop loop) {
		return Async.mono(loop, () -> {
			Task<Integer> a = Async.createTask(CoreBenchmark::yieldMany);
			Task<Integer> b = Async.createTask(CoreBenchmark::yieldMany);
			return Async.await(a) + Async.await(b);
		});
	}

	private static Object pingPong(EventLoop loop) throws Exception {
		return loop.run(() -> {
			Task<Integer> a = Async.createTask(CoreBenchmark::yieldMany);
			Task<Integer> b = Async.createTask(CoreBenchmark::yieldMany);
			return Async.await(a) + Async.await(b);
		});
	}

	private static Integer yieldMany() {
		for (int i = 0; i < SWITCHES; i++) {
			Async.yieldNow();
		}
		return SWITCHES;
	}

	@Benchmark
	@OperationsPerInvocation(AWAITS)
	public Object awaitCompletedMono() throws Exception {
		return loop.run(() -> {
			long sum = 0;
			for (int i = 0; i < AWAITS; i++) {
				sum += Async.await(Mono.just(i));
			}
			return sum;
		});
	}

	@Benchmark
	@OperationsPerInvocation(TASKS)
	public Object spawnAndJoin() throws Exception {
		return spawnAndJoin(loop);
	}

	/** As {@link #spawnAndJoin()} with eager tasks: each task's first (and only) step runs inside createTask. */
	@Benchmark
	@OperationsPerInvocation(TASKS)
	public Object spawnAndJoinEager() throws Exception {
		return spawnAndJoin(eager);
	}

	/** As {@link #spawnAndJoinEager()} on a loop that does not spin on a hand-off (the eager start's included). */
	@Benchmark
	@OperationsPerInvocation(TASKS)
	public Object spawnAndJoinEagerNoSpin() throws Exception {
		return spawnAndJoin(eagerNoSpin);
	}

	private static Object spawnAndJoin(EventLoop loop) throws Exception {
		return loop.run(() -> {
			List<Task<Integer>> tasks = new ArrayList<>(TASKS);
			for (int i = 0; i < TASKS; i++) {
				int n = i;
				tasks.add(Async.createTask(() -> n));
			}
			long sum = 0;
			for (Task<Integer> t : tasks) {
				sum += Async.await(t);
			}
			return sum;
		});
	}

	@Benchmark
	public Object pipelineCoroutine() {
		return Async.mono(loop, () -> {
			int x = 0;
			for (int i = 0; i < STEPS; i++) {
				int v = x;
				x = Async.await(Mono.fromSupplier(() -> v + 1));
			}
			return x;
		}).block();
	}

	@Benchmark
	public Object pipelineFlatMap() {
		Mono<Integer> m = Mono.just(0).publishOn(single);
		for (int i = 0; i < STEPS; i++) {
			m = m.flatMap(v -> Mono.fromSupplier(() -> v + 1));
		}
		return m.block();
	}
}
