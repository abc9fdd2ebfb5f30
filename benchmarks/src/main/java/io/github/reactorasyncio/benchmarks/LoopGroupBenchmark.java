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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * How coroutine switches scale with loops (issue 14 §3): {@code loops} loops, each running a pair of coroutines
 * that take turns ({@code yieldNow}), all at once; the switches of an invocation are shared out between the loops,
 * and the score is ns per switch over all of them, so {@code n} loops that scale perfectly score {@code 1/n} of one
 * loop. {@code mode} is how the loops are made:
 * <ul>
 *   <li>{@code group}: {@code EventLoopGroup.create(loops)}, with the group's own hand-off spin policy (the
 *   default: no spin once the loops are more than half the processors);</li>
 *   <li>{@code spin}: the same group with every loop's hand-off spin on (what every group did before the policy);</li>
 *   <li>{@code noSpin}: the same group with every loop's hand-off spin off;</li>
 *   <li>{@code oneCarrier}: {@code loops} loops from {@code EventLoop.createOnOneCarrier()} (each with a carrier
 *   thread of its own; needs {@code --add-opens}, which this benchmark's fork passes).</li>
 * </ul>
 * Run: {@code benchmarks/run LoopGroupBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1} (on more cores, add
 * {@code -p loops=1,2,4,8,16}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xmx4g", "--add-opens", "java.base/java.lang=ALL-UNNAMED" })
public class LoopGroupBenchmark {

	/** Switches per task over all loops: the loops share them, so that every invocation makes as many. */
	static final int SWITCHES = 24_000;

	@Param({ "1", "2" })
	int loops;

	@Param({ "group", "spin", "noSpin", "oneCarrier" })
	String mode;

	private int perLoop;
	private List<EventLoop> made;
	private EventLoopGroup group;

	@Setup(Level.Trial)
	public void setUp() {
		if (loops < 1 || SWITCHES % loops != 0) {
			throw new IllegalArgumentException("loops must divide " + SWITCHES + "; got " + loops);
		}
		perLoop = SWITCHES / loops;
		switch (mode) {
			case "group" -> group = EventLoopGroup.create(loops);
			case "spin" -> group = EventLoopGroup.create("loops", loops, loop -> loop.setHandoffSpin(true));
			case "noSpin" -> group = EventLoopGroup.create("loops", loops, loop -> loop.setHandoffSpin(false));
			case "oneCarrier" -> {
				made = new ArrayList<>();
				for (int i = 0; i < loops; i++) {
					made.add(EventLoop.createOnOneCarrier());
				}
			}
			default -> throw new IllegalArgumentException("mode: group, spin, noSpin or oneCarrier; got " + mode);
		}
		if (group != null) {
			made = group.loops();
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		if (group != null) {
			group.close();
		}
		else {
			made.forEach(EventLoop::close);
		}
	}

	/** Ns per switch over all loops: each of the {@code loops} pairs makes {@code 2 * SWITCHES / loops}. */
	@Benchmark
	@OperationsPerInvocation(2 * SWITCHES)
	public Object pingPong() {
		int n = perLoop;
		List<Mono<Integer>> pairs = new ArrayList<>(made.size());
		for (EventLoop loop : made) {
			pairs.add(Async.mono(loop, () -> {
				Task<Integer> a = Async.createTask(() -> yieldMany(n));
				Task<Integer> b = Async.createTask(() -> yieldMany(n));
				return Async.await(a) + Async.await(b);
			}));
		}
		return Mono.zip(pairs, results -> results.length).block();
	}

	private static Integer yieldMany(int n) {
		for (int i = 0; i < n; i++) {
			Async.yieldNow();
		}
		return n;
	}
}
