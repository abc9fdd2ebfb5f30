package io.github.reactorasyncio;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.reactorasyncio.internal.EventLoopImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/** The fixture itself: each option makes the loop it names, and a method's options replace the class's. */
@Timeout(30)
@ExtendWith(LoopPerTest.class)
@LoopPerTest.Options(eagerTasks = true)
class LoopPerTestTest {

	@LoopPerTest.Loop
	private EventLoop field;
	private EventLoop seenBeforeEach;

	@BeforeEach
	void setUp() {
		seenBeforeEach = field;
	}

	@Test
	void theFieldParametersAndBeforeEachSeeTheSameFreshLoop(EventLoop loop) {
		assertThat(field).isSameAs(loop).isSameAs(seenBeforeEach);
		assertThat(loop.isClosed()).isFalse();
	}

	@Test
	void anotherLoopIsAPlainLoopOfItsOwn(EventLoop loop, @LoopPerTest.Another EventLoop another) {
		assertThat(another).isNotSameAs(loop);
		assertThat(another.isEagerTasks()).isFalse();
		assertThat(another.isClosed()).isFalse();
	}

	@Test
	void theClassOptionsApply(EventLoop loop) {
		assertThat(loop.isEagerTasks()).isTrue();
		assertThat(loop.isDebug()).isFalse();
	}

	@Test
	@LoopPerTest.Options(debug = true)
	void aMethodsOptionsReplaceTheClasses(EventLoop loop) {
		assertThat(loop.isDebug()).isTrue();
		assertThat(loop.isEagerTasks()).isFalse();
	}

	@Test
	@LoopPerTest.Options(virtualTime = true)
	void aVirtualTimeLoopFollowsTheSchedulerPassedToTheTest(EventLoop loop, VirtualTimeScheduler clock) {
		long start = loop.time();
		clock.advanceTimeBy(Duration.ofHours(1));
		assertThat(loop.time() - start).isEqualTo(TimeUnit.HOURS.toNanos(1));
		// a timer a day away fires once the clock is moved past it, with no real waiting
		AtomicBoolean fired = new AtomicBoolean();
		loop.schedule(() -> fired.set(true), 1, TimeUnit.DAYS);
		((EventLoopImpl) loop).awaitIdle();
		clock.advanceTimeBy(Duration.ofHours(23));
		assertThat(fired).isFalse();
		clock.advanceTimeBy(Duration.ofHours(1));
		assertThat(fired).isTrue();
	}
}
