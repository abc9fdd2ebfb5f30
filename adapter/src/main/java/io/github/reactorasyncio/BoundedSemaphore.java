package io.github.reactorasyncio;

/**
 * A {@link Semaphore} that refuses to be released more often than it was acquired: Python's
 * {@code asyncio.BoundedSemaphore}. An extra {@link #release()} is a bug in the caller, reported at
 * once instead of silently raising the limit.
 */
public final class BoundedSemaphore extends Semaphore {

	private final int bound;

	private BoundedSemaphore(int value) {
		super(value);
		this.bound = value;
	}

	/**
	 * A bounded semaphore with the given number of permits, which is also its maximum.
	 *
	 * @param value the initial and maximum number of permits, {@code >= 0}
	 * @return the semaphore
	 * @throws IllegalArgumentException if {@code value < 0}
	 */
	public static BoundedSemaphore create(int value) {
		return new BoundedSemaphore(value);
	}

	/**
	 * As {@link #create(int)} with one permit.
	 *
	 * @return the semaphore
	 */
	public static BoundedSemaphore create() {
		return new BoundedSemaphore(1);
	}

	/**
	 * Gives a permit back and wakes the first waiter. Never suspends.
	 *
	 * @throws InvalidStateException if every permit is free already (released more often than acquired)
	 */
	@Override
	public void release() {
		checkBinding();
		if (value() >= bound) {
			throw new InvalidStateException("release() of " + this + ": all " + bound + " permits are free "
					+ "already, so it was released more often than acquired. Release once per acquire(); "
					+ "try-with-resources on acquire() does that.");
		}
		super.release();
	}

	/** {@return the number of permits it started with, which {@link #value()} never exceeds} */
	public int bound() {
		return bound;
	}
}
