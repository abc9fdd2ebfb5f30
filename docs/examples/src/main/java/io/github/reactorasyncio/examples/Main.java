package io.github.reactorasyncio.examples;

/** The README's example program: {@code scripts/run-example}. */
public final class Main {

	private Main() {
	}

	/**
	 * Prints the timeline of two coroutines taking turns on one event loop.
	 *
	 * @param args unused
	 * @throws Exception if the demo fails
	 */
	public static void main(String[] args) throws Exception {
		System.out.println("Two coroutines on one event loop, switching only where they await:");
		TakingTurns.run().forEach(System.out::println);
	}
}
