package io.github.reactorasyncio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class EventLoopGroupTest {

	@AfterEach
	void noDefaultGroupLeftBehind() {
		Async.setDefaultGroup(null);
	}

	@Test
	void oneLoopPerProcessorByDefault() {
		try (EventLoopGroup group = EventLoopGroup.create()) {
			assertThat(group.size()).isEqualTo(Runtime.getRuntime().availableProcessors());
			assertThat(group.name()).isEqualTo("loops");
			assertThat(group.loopName(0)).isEqualTo("loops-0");
		}
	}

	/* A loop that spins keeps two cores busy while its coroutines take turns: spin only with a spare core each. */
	@Test
	void loopsSpinOnAHandOffOnlyIfTheyAreAtMostHalfTheProcessors() {
		assertThat(EventLoopGroup.handoffSpin(1, 1)).isFalse();
		assertThat(EventLoopGroup.handoffSpin(1, 2)).isTrue();
		assertThat(EventLoopGroup.handoffSpin(2, 2)).isFalse();
		assertThat(EventLoopGroup.handoffSpin(2, 4)).isTrue();
		assertThat(EventLoopGroup.handoffSpin(8, 16)).isTrue();
		assertThat(EventLoopGroup.handoffSpin(9, 16)).isFalse();
		assertThat(EventLoopGroup.handoffSpin(16, 16)).isFalse();
		assertThat(EventLoopGroup.handoffSpin(Integer.MAX_VALUE, Integer.MAX_VALUE)).isFalse();
	}

	@Test
	void aGroupOfOneLoopPerProcessorMakesLoopsThatDoNotSpin() {
		try (EventLoopGroup group = EventLoopGroup.create()) {
			assertThat(group.loops()).isNotEmpty().noneMatch(EventLoop::isHandoffSpin);
		}
	}

	@Test
	void aGroupWithASpareCorePerLoopMakesLoopsThatSpinAsALoneLoopDoes() {
		int processors = Runtime.getRuntime().availableProcessors();
		try (EventLoopGroup group = EventLoopGroup.create(Math.max(1, processors / 2));
				EventLoop lone = EventLoop.create()) {
			assertThat(group.loops()).allMatch(loop -> loop.isHandoffSpin() == (processors >= 2));
			assertThat(lone.isHandoffSpin()).isEqualTo(processors >= 2);
		}
	}

	@Test
	void theConfigurerRunsAfterThePolicyAndHasTheLastWord() {
		int processors = Runtime.getRuntime().availableProcessors();
		try (EventLoopGroup spinning = EventLoopGroup.create("spinning", processors, loop -> {
			assertThat(loop.isHandoffSpin()).isFalse(); // the policy's choice, already made
			loop.setHandoffSpin(true);
		}); EventLoopGroup still = EventLoopGroup.create("still", 1, loop -> loop.setHandoffSpin(false))) {
			assertThat(spinning.loops()).hasSize(processors).allMatch(EventLoop::isHandoffSpin);
			assertThat(still.loops()).noneMatch(EventLoop::isHandoffSpin);
		}
	}

	@Test
	void handsOutLoopsRoundRobin() {
		try (EventLoopGroup group = EventLoopGroup.create(3)) {
			List<EventLoop> seen = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				seen.add(group.next());
			}
			assertThat(group.size()).isEqualTo(3);
			assertThat(seen).containsExactly(group.loops().get(0), group.loops().get(1), group.loops().get(2),
					group.loops().get(0), group.loops().get(1), group.loops().get(2));
			assertThat(group.loops()).doesNotHaveDuplicates();
		}
	}

	@Test
	void monoAndFluxRunEachSubscriptionOnTheNextLoop() {
		try (EventLoopGroup group = EventLoopGroup.create(2)) {
			Mono<EventLoop> whereAmI = group.mono(Async::currentLoop);
			List<EventLoop> loops = Flux.range(0, 4).concatMap(i -> whereAmI).collectList().block();
			assertThat(loops).containsExactly(group.loops().get(0), group.loops().get(1), group.loops().get(0),
					group.loops().get(1));
			Flux<EventLoop> emitted = group.flux(emitter -> emitter.emit(Async.currentLoop()));
			assertThat(Flux.range(0, 2).concatMap(i -> emitted).collectList().block())
					.containsExactly(group.loops().get(0), group.loops().get(1));
		}
	}

	@Test
	void runBlocksOnTheNextLoopAndLeavesItOpen() throws Exception {
		try (EventLoopGroup group = EventLoopGroup.create(2)) {
			assertThat(group.run(Async::currentLoop)).isSameAs(group.loops().get(0));
			assertThat(group.run(Async::currentLoop)).isSameAs(group.loops().get(1));
			assertThat(group.loops()).noneMatch(EventLoop::isClosed);
			IllegalArgumentException boom = new IllegalArgumentException("boom");
			assertThatThrownBy(() -> group.run(() -> {
				throw boom;
			})).isSameAs(boom);
		}
	}

	@Test
	void closeClosesEveryLoopAndIsIdempotent() {
		EventLoopGroup group = EventLoopGroup.create("web", 2, loop -> loop.setDebug(true));
		assertThat(group.loops()).allMatch(EventLoop::isDebug);
		assertThat(group.loopName(1)).isEqualTo("web-1");
		group.close();
		group.close();
		assertThat(group.isClosed()).isTrue();
		assertThat(group.loops()).allMatch(EventLoop::isClosed);
		assertThatThrownBy(group::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
	}

	@Test
	void rejectsAnEmptyGroupOrABlankName() {
		assertThatThrownBy(() -> EventLoopGroup.create(0)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("at least one loop");
		assertThatThrownBy(() -> EventLoopGroup.create(" ", 1, loop -> {
		})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
	}

	@Test
	void aConfigurerThatFailsClosesTheLoopsAlreadyMade() {
		List<EventLoop> made = new ArrayList<>();
		IllegalStateException boom = new IllegalStateException("boom");
		assertThatThrownBy(() -> EventLoopGroup.create("g", 3, loop -> {
			made.add(loop);
			if (made.size() == 2) {
				throw boom;
			}
		})).isSameAs(boom);
		assertThat(made).hasSize(2).allMatch(EventLoop::isClosed);
	}

	@Test
	void theDefaultGroupRunsMonoFluxAndRunWithoutALoop() throws Exception {
		try (EventLoopGroup group = EventLoopGroup.create(2)) {
			assertThat(Async.setDefaultGroup(group)).isNull();
			assertThat(Async.defaultGroup()).isSameAs(group);
			Mono<EventLoop> whereAmI = Async.mono(Async::currentLoop);
			// each subscription from this thread: one made from a loop's thread (as concatMap's next one may be)
			// stays on that loop
			assertThat(List.of(whereAmI.block(), whereAmI.block(), whereAmI.block(), whereAmI.block()))
					.containsExactly(group.loops().get(0), group.loops().get(1), group.loops().get(0),
							group.loops().get(1));
			assertThat(Async.flux(emitter -> emitter.emit(Async.currentLoop())).blockFirst())
					.isSameAs(group.loops().get(0));
			// Async.run uses the group's next loop and leaves it open, with what the coroutine left running
			AtomicReference<Task<String>> leftBehind = new AtomicReference<>();
			EventLoop ranOn = Async.run(() -> {
				leftBehind.set(Async.createTask(() -> {
					Async.sleep(java.time.Duration.ofMillis(10));
					return "still ran";
				}));
				return Async.currentLoop();
			});
			assertThat(ranOn).isSameAs(group.loops().get(1)).matches(EventLoop::isRunning);
			assertThat(leftBehind.get().toMono().block()).isEqualTo("still ran");
		}
		// closing the default group clears it: a fresh loop per run again
		assertThat(Async.defaultGroup()).isNull();
		EventLoop fresh = Async.run(Async::currentLoop);
		assertThat(fresh.isClosed()).isTrue();
	}

	@Test
	void inACoroutineAndUnderVirtualTimeTheDefaultGroupIsNotUsed() throws Exception {
		try (EventLoopGroup group = EventLoopGroup.create(2); EventLoop own = EventLoop.create()) {
			Async.setDefaultGroup(group);
			// inside a coroutine, Async.mono stays on the caller's loop
			assertThat(own.run(() -> Async.await(Async.mono(Async::currentLoop)))).isSameAs(own);
			// under virtual time, on a loop on that clock, so that sleeps are virtual
			StepVerifier.withVirtualTime(() -> Async.mono(() -> {
				Async.sleep(java.time.Duration.ofHours(1));
				return group.loops().contains(Async.currentLoop());
			})).thenAwait(java.time.Duration.ofHours(1)).expectNext(false).verifyComplete();
		}
	}

	@Test
	void setDefaultGroupReturnsThePreviousAndRejectsAClosedGroup() {
		try (EventLoopGroup a = EventLoopGroup.create(1); EventLoopGroup b = EventLoopGroup.create(1)) {
			Async.setDefaultGroup(a);
			assertThat(Async.setDefaultGroup(b)).isSameAs(a);
			// closing a group that is not the default leaves the default alone
			a.close();
			assertThat(Async.defaultGroup()).isSameAs(b);
			assertThatThrownBy(() -> Async.setDefaultGroup(a)).isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("closed");
			assertThat(Async.setDefaultGroup(null)).isSameAs(b);
		}
	}
}
