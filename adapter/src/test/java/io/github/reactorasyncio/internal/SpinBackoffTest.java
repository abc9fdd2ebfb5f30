package io.github.reactorasyncio.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-off spin's back-off: spins while spins pay, skips more and more of them while they fail. */
class SpinBackoffTest {

	/** @return how many hand-offs in a row {@code b} lets go by without a spin before it spins again */
	private static int skipped(SpinBackoff b) {
		int n = 0;
		while (!b.spinNow()) {
			n++;
		}
		return n;
	}

	@Test
	void spinsOnEveryHandOffWhileTheSpinsCatchTheBaton() {
		SpinBackoff b = new SpinBackoff(1023);
		for (int i = 0; i < 100; i++) {
			assertThat(b.spinNow()).isTrue();
			b.spun(true);
		}
	}

	@Test
	void eachFailureInARowAboutDoublesTheHandOffsSkippedUpToTheMax() {
		SpinBackoff b = new SpinBackoff(100);
		int[] expected = { 1, 3, 7, 15, 31, 63, 100, 100 };
		for (int e : expected) {
			b.spun(false);
			assertThat(skipped(b)).isEqualTo(e);
		}
	}

	@Test
	void eachSuccessHalvesWhatTheNextFailureCosts() {
		SpinBackoff b = new SpinBackoff(1023);
		for (int i = 0; i < 6; i++) {
			b.spun(false); // 1, 3, 7, 15, 31, 63
			skipped(b);
		}
		b.spun(true); // 31
		b.spun(true); // 15
		assertThat(b.spinNow()).as("a success skips nothing").isTrue();
		b.spun(false);
		assertThat(skipped(b)).isEqualTo(31);
		for (int i = 0; i < 10; i++) {
			b.spun(true);
		}
		b.spun(false);
		assertThat(skipped(b)).as("back to the first step once the spins paid for long enough").isEqualTo(1);
	}

	@Test
	void aMaxOfZeroNeverSkips() {
		SpinBackoff b = new SpinBackoff(0);
		for (int i = 0; i < 10; i++) {
			b.spun(false);
			assertThat(b.spinNow()).isTrue();
		}
		assertThatThrownBy(() -> new SpinBackoff(-1)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("-1");
	}
}
