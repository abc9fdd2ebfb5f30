package io.github.reactorasyncio.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.EventLoopGroup;
import io.github.reactorasyncio.LoopPerTest;
import io.github.reactorasyncio.Task;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
@ExtendWith(LoopPerTest.class)
class EventLoopMetricsTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
	@LoopPerTest.Loop
	private EventLoop loop;

	private double counter(String name) {
		return registry.get("reactor.asyncio.loop." + name).tag("loop", "main").counter().count();
	}

	private double gauge(String name) {
		return registry.get("reactor.asyncio.loop." + name).tag("loop", "main").gauge().value();
	}

	@Test
	void countsTasksCreatedCompletedAndCancelled() throws Exception {
		EventLoopMetrics.of(loop, "main").bindTo(registry);
		loop.run(() -> {                                        // task 1: completes
			Task<String> ok = Async.createTask(() -> "ok");     // 2: completes
			Task<String> failed = Async.createTask(() -> {      // 3: completes, with an exception
				throw new IllegalStateException("boom");
			});
			Task<String> hung = Async.createTask(() -> {        // 4: cancelled
				Async.sleep(Duration.ofHours(1));
				return "never";
			});
			Async.await(ok);
			assertThatThrownBy(() -> Async.await(failed)).hasMessage("boom");
			Async.yieldNow();
			hung.cancel();
			assertThatThrownBy(() -> Async.await(hung)).isInstanceOf(CancelledError.class);
			return null;
		});
		assertThat(counter("tasks.scheduled")).isEqualTo(4);
		assertThat(counter("tasks.completed")).isEqualTo(3);
		assertThat(counter("tasks.cancelled")).isEqualTo(1);
	}

	@Test
	void gaugesTheReadyQueueAndTheLiveTasksAsTheLoopTakesEachBatch() throws Exception {
		EventLoopMetrics.of(loop, "main").bindTo(registry);
		List<Double> seen = loop.run(() -> {
			List<Task<Void>> sleepers = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				sleepers.add(Async.createTask(() -> {
					Async.sleep(Duration.ofHours(1));
					return null;
				}));
			}
			Async.yieldNow();   // the next batch: the 5 new tasks, then this one
			List<Double> values = new ArrayList<>(List.of(gauge("ready"), gauge("tasks.live")));
			Async.yieldNow();   // the sleepers are suspended now: only this one is ready
			values.addAll(List.of(gauge("ready"), gauge("tasks.live")));
			sleepers.forEach(Task::cancel);
			return values;
		});
		assertThat(seen).containsExactly(6.0, 6.0, 1.0, 6.0);
	}

	@Test
	void timesStepsAndCountsTheSlowOnes() throws Exception {
		loop.setSlowCallbackDuration(Duration.ofMillis(5));
		EventLoopMetrics.of(loop, "main").bindTo(registry);
		loop.run(() -> {
			Async.yieldNow();                // two quick steps
			Thread.sleep(50);                // blocks the loop: a slow step, as asyncio's debug mode would say
			Async.yieldNow();
			return null;
		});
		io.micrometer.core.instrument.Timer step = registry.get("reactor.asyncio.loop.step").tag("loop", "main")
				.timer();
		assertThat(step.count()).isGreaterThanOrEqualTo(3);
		assertThat(step.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(50);
		assertThat(counter("steps.slow")).isEqualTo(1);
	}

	@Test
	void measuresHowLateALoopHeldByABlockingStepRunsItsTimers() throws Exception {
		EventLoopMetrics.of(loop, "main").lagSampleInterval(Duration.ofMillis(10)).bindTo(registry);
		loop.run(() -> {
			Thread.sleep(300);               // the probe is due 10 ms in, and runs only after this step
			Async.sleep(Duration.ofMillis(50));
			return null;
		});
		io.micrometer.core.instrument.Timer lag = registry.get("reactor.asyncio.loop.lag").tag("loop", "main")
				.timer();
		assertThat(lag.count()).isPositive();
		assertThat(lag.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(250);
	}

	@Test
	void aGroupIsTaggedByLoopNameWithExtraTags() {
		try (EventLoopGroup group = EventLoopGroup.create("web", 2, l -> {
		})) {
			EventLoopMetrics.of(group).tags(Tags.of("app", "shop")).bindTo(registry);
			List<String> loops = registry.find("reactor.asyncio.loop.tasks.scheduled").tag("app", "shop").counters()
					.stream().map(c -> c.getId().getTag("loop")).sorted().toList();
			assertThat(loops).containsExactly("web-0", "web-1");
			assertThat(group.mono(() -> "x").block()).isEqualTo("x");
			double created = registry.find("reactor.asyncio.loop.tasks.scheduled").counters().stream()
					.mapToDouble(c -> c.count()).sum();
			assertThat(created).isEqualTo(1);
		}
	}

	@Test
	void everyMeterIsRegisteredAndBindingTwiceCountsInBothRegistries() throws Exception {
		SimpleMeterRegistry other = new SimpleMeterRegistry();
		EventLoopMetrics.of(loop, "main").bindTo(registry);
		EventLoopMetrics.of(loop, "main").bindTo(other);
		assertThat(registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName).sorted().toList())
				.containsExactly("reactor.asyncio.loop.lag", "reactor.asyncio.loop.ready",
						"reactor.asyncio.loop.step", "reactor.asyncio.loop.steps.slow",
						"reactor.asyncio.loop.tasks.cancelled", "reactor.asyncio.loop.tasks.completed",
						"reactor.asyncio.loop.tasks.live", "reactor.asyncio.loop.tasks.scheduled");
		loop.run(() -> null);
		assertThat(counter("tasks.scheduled")).isEqualTo(1);
		assertThat(other.get("reactor.asyncio.loop.tasks.scheduled").counter().count()).isEqualTo(1);
	}

	@Test
	void aClosedLoopIsSkippedAndBadIntervalsAreRejected() {
		EventLoop closed = EventLoop.create();
		closed.close();
		EventLoopMetrics.of(closed, "gone").bindTo(registry);
		assertThat(registry.getMeters()).isEmpty();
		assertThatThrownBy(() -> EventLoopMetrics.of(loop, "main").lagSampleInterval(Duration.ZERO))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
	}
}
