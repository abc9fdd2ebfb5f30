package io.github.reactorasyncio.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.EventLoopGroup;
import io.github.reactorasyncio.internal.EventLoopImpl;
import io.github.reactorasyncio.internal.LoopObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters for event loops, one set per loop, tagged {@code loop=<name>}: how late ready work starts
 * (lag), how long steps hold the loop, slow steps, the ready queue, live tasks, and tasks created, completed and
 * cancelled. {@code docs/metrics.md} describes each meter.
 *
 * {@snippet file="JavadocSnippets.java" region="EventLoopMetrics"}
 *
 * <p>The Spring Boot auto-configuration binds its group's loops to the application's {@code MeterRegistry}, so they
 * appear in Actuator and Prometheus with no code.
 *
 * <p>Binding adds an observer that the loop calls inline after each step (a clock read and a few counter updates),
 * and a timer that wakes the loop every {@link #lagSampleInterval(Duration) lag sample interval} to measure its
 * lag. A loop that is never bound pays nothing but a null check. {@link #bindTo} may be called for several
 * registries. Meters keep their last values after the loop closes.
 */
// Micrometer is an optional dependency of the adapter (module-info: requires static), so it is not re-exported: a
// user of this class has Micrometer on its own path already.
@SuppressWarnings("exports")
public final class EventLoopMetrics implements MeterBinder {

	/** The prefix of every meter's name. */
	public static final String PREFIX = "reactor.asyncio.loop";

	private static final Duration DEFAULT_LAG_INTERVAL = Duration.ofMillis(100);

	private final List<EventLoop> loops;
	private final List<String> names;
	private final Tags tags;
	private final Duration lagInterval;

	private EventLoopMetrics(List<EventLoop> loops, List<String> names, Tags tags, Duration lagInterval) {
		this.loops = loops;
		this.names = names;
		this.tags = tags;
		this.lagInterval = lagInterval;
	}

	/**
	 * Meters for every loop of the group, named as {@link EventLoopGroup#loopName(int)} names them.
	 *
	 * @param group the loops to measure
	 * @return a binder; call {@link #bindTo(MeterRegistry)}
	 */
	public static EventLoopMetrics of(EventLoopGroup group) {
		Objects.requireNonNull(group, "group");
		List<String> names = new ArrayList<>();
		for (int i = 0; i < group.size(); i++) {
			names.add(group.loopName(i));
		}
		return new EventLoopMetrics(group.loops(), List.copyOf(names), Tags.empty(), DEFAULT_LAG_INTERVAL);
	}

	/**
	 * Meters for one loop.
	 *
	 * @param loop the loop to measure
	 * @param name the value of its {@code loop} tag
	 * @return a binder; call {@link #bindTo(MeterRegistry)}
	 */
	public static EventLoopMetrics of(EventLoop loop, String name) {
		Objects.requireNonNull(loop, "loop");
		Objects.requireNonNull(name, "name");
		return new EventLoopMetrics(List.of(loop), List.of(name), Tags.empty(), DEFAULT_LAG_INTERVAL);
	}

	/**
	 * The same binder with more tags on every meter, e.g. the application's name.
	 *
	 * @param extra the tags to add
	 * @return a new binder
	 */
	public EventLoopMetrics tags(Iterable<Tag> extra) {
		Objects.requireNonNull(extra, "extra");
		return new EventLoopMetrics(loops, names, tags.and(extra), lagInterval);
	}

	/**
	 * The same binder with another lag sampling interval (default 100 ms): how often a probe timer is set on each
	 * loop to measure how late it runs. Shorter catches shorter stalls and wakes idle loops more often.
	 *
	 * @param interval the interval; positive
	 * @return a new binder
	 * @throws IllegalArgumentException if the interval is not positive
	 */
	public EventLoopMetrics lagSampleInterval(Duration interval) {
		Objects.requireNonNull(interval, "interval");
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("The lag sample interval must be positive, but was " + interval);
		}
		return new EventLoopMetrics(loops, names, tags, interval);
	}

	/**
	 * Registers the meters of every loop with the registry and starts measuring. Closed loops are skipped.
	 *
	 * @param registry where the meters go
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		Objects.requireNonNull(registry, "registry");
		for (int i = 0; i < loops.size(); i++) {
			EventLoop loop = loops.get(i);
			if (!loop.isClosed()) {
				bind(registry, loop, tags.and("loop", names.get(i)));
			}
		}
	}

	private void bind(MeterRegistry registry, EventLoop loop, Tags loopTags) {
		Meters meters = new Meters(registry, loopTags);
		((EventLoopImpl) loop).addObserver(meters);
		new LagProbe(loop, meters.lag, lagInterval.toNanos()).arm();
	}

	/** One loop's meters in one registry; told by the loop, on the loop. */
	private static final class Meters implements LoopObserver {
		final Timer lag;
		final Timer step;
		final Counter slow;
		final Counter created;
		final Counter completed;
		final Counter cancelled;
		// written by the loop, read by the registry's thread
		final AtomicInteger ready = new AtomicInteger();
		final AtomicInteger live = new AtomicInteger();

		Meters(MeterRegistry registry, Tags tags) {
			lag = Timer.builder(PREFIX + ".lag")
					.description("How late the loop ran a probe timer: how long ready work waits to start")
					.tags(tags).register(registry);
			step = Timer.builder(PREFIX + ".step")
					.description("How long each coroutine step or callback held the loop")
					.tags(tags).register(registry);
			slow = Counter.builder(PREFIX + ".steps.slow")
					.description("Steps or callbacks that held the loop longer than its slow-callback duration")
					.tags(tags).register(registry);
			created = Counter.builder(PREFIX + ".tasks.scheduled")
					.description("Tasks created on the loop")
					.tags(tags).register(registry);
			completed = Counter.builder(PREFIX + ".tasks.completed")
					.description("Tasks that finished with a result or an exception").tags(tags).register(registry);
			cancelled = Counter.builder(PREFIX + ".tasks.cancelled").description("Tasks that finished cancelled")
					.tags(tags).register(registry);
			Gauge.builder(PREFIX + ".ready", ready, AtomicInteger::get)
					.description("Callbacks and coroutine steps ready to run, when the loop last took a batch")
					.tags(tags).register(registry);
			Gauge.builder(PREFIX + ".tasks.live", live, AtomicInteger::get)
					.description("Tasks not done (running, ready or suspended)").tags(tags).register(registry);
		}

		@Override
		public void stepEnded(long nanos, boolean slowStep) {
			step.record(nanos, TimeUnit.NANOSECONDS);
			if (slowStep) {
				slow.increment();
			}
		}

		@Override
		public void taskCreated() {
			created.increment();
		}

		@Override
		public void taskDone(boolean wasCancelled) {
			(wasCancelled ? cancelled : completed).increment();
		}

		@Override
		public void batch(int readyNow, int liveTasks) {
			// lazySet: the gauges need the value eventually, and the loop should not pay for a fence per batch
			ready.lazySet(readyNow);
			live.lazySet(liveTasks);
		}
	}

	/**
	 * Node's event-loop delay, as {@code monitorEventLoopDelay} measures it: a timer set for a known time, and how
	 * late the loop actually ran it. The delay covers both the wake-up and the ready work queued ahead of it.
	 */
	private static final class LagProbe implements Runnable {
		private final EventLoop loop;
		private final Timer lag;
		private final long intervalNanos;
		private long deadline;

		LagProbe(EventLoop loop, Timer lag, long intervalNanos) {
			this.loop = loop;
			this.lag = lag;
			this.intervalNanos = intervalNanos;
		}

		void arm() {
			try {
				deadline = loop.time() + intervalNanos;
				loop.callAt(deadline, this);
			}
			catch (IllegalStateException closed) {
				// the loop closed: nothing left to measure
			}
		}

		@Override
		public void run() {
			lag.record(Math.max(0, loop.time() - deadline), TimeUnit.NANOSECONDS);
			if (!loop.isClosed()) {
				arm();
			}
		}
	}
}
