package io.github.reactorasyncio.internal;

/** Re-throws any throwable as itself, so exceptions keep their identity across the bridge. */
public final class Sneaky {

	private Sneaky() {
	}

	/**
	 * Throws {@code t} unchanged.
	 *
	 * @param t what to throw
	 * @return never returns; declared so callers can write {@code throw Sneaky.rethrow(t)}
	 */
	public static RuntimeException rethrow(Throwable t) {
		throw Sneaky.<RuntimeException>uncheck(t);
	}

	@SuppressWarnings("unchecked")
	private static <E extends Throwable> E uncheck(Throwable t) throws E {
		throw (E) t;
	}
}
