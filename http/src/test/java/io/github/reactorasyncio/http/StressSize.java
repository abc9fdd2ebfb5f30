package io.github.reactorasyncio.http;

/**
 * The size of a {@code *StressTest}: its full size times the system property {@code stress.scale} (default 1, the
 * full size). The build runs them at the scale the parent pom's {@code stress.scale} property sets (small, to keep
 * the suite short); {@code scripts/test -Dstress.scale=1} runs them big.
 */
final class StressSize {

	private StressSize() {
	}

	/** @return {@code full} scaled by {@code stress.scale}, and at least {@code min} */
	static int of(int full, int min) {
		double scale = Double.parseDouble(System.getProperty("stress.scale", "1"));
		return Math.max(min, (int) Math.round(full * scale));
	}
}
