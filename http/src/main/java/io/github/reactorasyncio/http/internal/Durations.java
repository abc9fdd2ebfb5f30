package io.github.reactorasyncio.http.internal;

import java.time.Duration;

/**
 * Caps the timeouts a user gives, so that {@code ChronoUnit.FOREVER.getDuration()} or any "very long time"
 * means "never" instead of failing every request with {@code ArithmeticException: long overflow} where
 * Netty and Reactor convert it to milliseconds or nanoseconds (the core's timeouts saturate the same way).
 */
public final class Durations {

	/** The longest timeout that still fits in nanoseconds, about 292 years: in effect, never. */
	public static final Duration NEVER = Duration.ofNanos(Long.MAX_VALUE);

	private Durations() {
	}

	/**
	 * Checks a timeout a user gives and caps it at {@link #NEVER}.
	 *
	 * @throws IllegalArgumentException if it is zero or negative
	 */
	public static Duration timeout(Duration d, String name) {
		if (d.isNegative() || d.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + d);
		}
		return d.compareTo(NEVER) > 0 ? NEVER : d;
	}

	/** {@return whether a capped timeout never fires in practice, so that no timer need be armed for it} */
	public static boolean isNever(Duration capped) {
		return capped.equals(NEVER);
	}
}
