package io.github.reactorasyncio.examples.guide;

import java.util.List;

import io.github.reactorasyncio.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** Each guide sample does what the guide says it does. */
@Timeout(30)
class GuideSamplesBehaviourTest {

	@Test
	void firstCoroutineGetsBothValues() throws Exception {
		assertThat(FirstCoroutine.fetchBoth()).isEqualTo("user + orders");
	}

	@Test
	void anUpdateAcrossAnAwaitIsLost() throws Exception {
		assertThat(LostUpdate.run()).containsExactly(2, 1, 2);
	}

	@Test
	void blockingHoldsTheLoopAndAsyncSleepDoesNot() throws Exception {
		assertThat(BlockingTheLoop.run(BlockingTheLoop.Wait.BLOCKING)).containsExactly("worker starts waiting",
				"worker done", "other task runs");
		assertThat(BlockingTheLoop.run(BlockingTheLoop.Wait.ASYNC_SLEEP)).containsExactly("worker starts waiting",
				"other task runs", "worker done");
		assertThat(BlockingTheLoop.run(BlockingTheLoop.Wait.TO_THREAD)).containsExactly("worker starts waiting",
				"other task runs", "worker done");
	}

	@Test
	void aFutureGoesThroughItsFourStates() throws Exception {
		assertThat(FutureStates.walk()).containsExactly(Future.State.PENDING, Future.State.RUNNING,
				Future.State.DONE, Future.State.CANCELLED);
	}

	@Test
	void anythingWithAMonoViewIsAwaitable() throws Exception {
		assertThat(CustomAwaitable.run()).isEqualTo("awaitable, mono, stage");
	}

	@Test
	void aCancelledTaskCleansUpAndTheCallerSeesTheCancellation() throws Exception {
		List<String> log = CancelAndCleanUp.run();
		assertThat(log).containsExactly("download: cancelled, removing the partial file",
				"caller: user pressed stop, task is CANCELLED");
	}

	@Test
	void gatherLeavesSiblingsRunningWhereZipCancelsThem() throws Exception {
		assertThat(GatherVsZip.run()).containsExactly(
				"gather threw boom; slow sibling still running: true",
				"gather: the slow sibling finished anyway",
				"zip: the slow sibling was cancelled",
				"zip threw boom");
	}

	@Test
	void aTimeoutInterruptsTheBlockAtItsAwait() throws Exception {
		assertThat(Timeouts.run()).isEqualTo("ab, then a timeout (cleaned up)");
	}

	@Test
	void aTaskGroupWaitsForItsTasksAndCancelsThemOnFailure() throws Exception {
		assertThat(TaskGroups.run()).containsExactly("total 11", "sibling cancelled",
				"group failed: pricing service down");
	}

	@Test
	void aGeneratorIsAFluxAndStoppingEarlyCancelsIt() throws Exception {
		List<String> log = Streams.run();
		assertThat(log).startsWith("got 1", "got 2", "got 3").contains("reactor got [1, 2, 3]");
		assertThat(log).filteredOn("generator cancelled"::equals).hasSize(2);
	}

	@Test
	void contextVariablesComeFromTheSubscriberAndAreCopiedIntoChildren() {
		assertThat(ContextVars.run().block(java.time.Duration.ofSeconds(10))).containsExactly(
				"from the subscriber's context: bob", "request id: r-7", "child inherited: ada",
				"parent still sees: ada");
	}
}
