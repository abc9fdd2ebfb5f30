package io.github.reactorasyncio.examples;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TakingTurnsTest {

	@Test
	void coroutinesInterleaveAtTheirAwaits() throws Exception {
		List<String> timeline = TakingTurns.run();
		List<String> who = timeline.stream().map(l -> l.substring(9, 10) + " " + l.substring(12)).toList();
		// both start before either finishes its first call: they took turns instead of running one after the other
		assertThat(who.subList(0, 2)).containsExactly("A step 1, then awaits a 100 ms call",
				"B step 1, then awaits a 150 ms call");
		assertThat(who).hasSize(8).contains("A done", "B done");
	}
}
