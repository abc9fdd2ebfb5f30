package io.github.reactorasyncio.internal;

/**
 * The adaptive part of a loop's hand-off spin: whether the next hand-off should spin, learnt from how the last
 * spins went. A spin that fails (the baton did not come back while the thread spun) most often means that the
 * other coroutine's thread found no free core: the cores are taken by other loops or other work, and the spin
 * only held one of them. So each failure makes the loop skip the spin on the next hand-offs, about twice as many
 * after each failure in a row (up to {@code max}), and each success halves that: a loop spins while its spins
 * pay, and tries again now and then when they did not.
 *
 * <p>Loop-confined: only the baton holder calls it ({@link #spinNow()} before it gives the baton away,
 * {@link #spun(boolean)} once it has it back).
 */
final class SpinBackoff {

	private final int max;
	private int skips;
	private int backoff;

	/** @param max the most hand-offs one failure makes the loop skip the spin on; 0 never skips */
	SpinBackoff(int max) {
		if (max < 0) {
			throw new IllegalArgumentException("max must be 0 or more, was " + max);
		}
		this.max = max;
	}

	/** @return whether the hand-off about to be made should spin; counts down a skip if not */
	boolean spinNow() {
		if (skips > 0) {
			skips--;
			return false;
		}
		return true;
	}

	/** Records how a spin went: {@code caught} if the baton came back while spinning. */
	void spun(boolean caught) {
		if (caught) {
			backoff >>= 1;
		}
		else {
			backoff = (int) Math.min(max, 2L * backoff + 1);
			skips = backoff;
		}
	}

	@Override
	public String toString() {
		return "SpinBackoff[skips=" + skips + ", backoff=" + backoff + ", max=" + max + "]";
	}
}
