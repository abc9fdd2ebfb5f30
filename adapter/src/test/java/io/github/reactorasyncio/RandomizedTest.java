package io.github.reactorasyncio;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.AnnotationConsumer;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * A seeded randomized test: the method takes a {@code long seed}, builds its input from a
 * {@code new java.util.Random(seed)}
 * and runs once per seed, {@link #seeds()} seeds per run (0, 1, 2, ...: every build checks the same inputs).
 * A failure names its seed and how to replay it alone; system properties, passed on the Maven command line:
 * <ul>
 *   <li>{@code -Dseed=S} runs only seed S (with {@code -Dtest=Class#method} to run one property);</li>
 *   <li>{@code -Dseeds=N} runs N seeds instead of the method's own count, {@code -Dseed.base=B} starts at B
 *       (say, the date, to explore new inputs).</li>
 * </ul>
 * Plain JUnit, no property-testing library: there is no shrinking, so the generators keep inputs
 * small enough to read.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "seed {0}")
@ArgumentsSource(RandomizedTest.Seeds.class)
@ExtendWith(RandomizedTest.SeedReporter.class)
@interface RandomizedTest {

	/** @return how many seeds a run checks unless {@code -Dseeds} or {@code -Dseed} says otherwise */
	int seeds() default 100;

	/** The seeds of one run, from the annotation and the system properties. */
	final class Seeds implements ArgumentsProvider, AnnotationConsumer<RandomizedTest> {

		private int count;

		@Override
		public void accept(RandomizedTest annotation) {
			count = annotation.seeds();
		}

		@Override
		public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
			String one = System.getProperty("seed");
			if (one != null && !one.isBlank()) {
				return Stream.of(Arguments.of(Long.parseLong(one.trim())));
			}
			long base = Long.getLong("seed.base", 0L);
			int n = Integer.getInteger("seeds", count);
			return LongStream.range(base, base + n).mapToObj(Arguments::of);
		}
	}

	/** Puts the failing seed, and the command that replays it, in front of the failure. */
	final class SeedReporter implements TestExecutionExceptionHandler {

		@Override
		public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
			String seed = context.getDisplayName().replace("seed ", "");
			throw new AssertionError("failed for seed " + seed + "; replay it alone with -Dtest="
					+ context.getRequiredTestClass().getSimpleName() + "#" + context.getRequiredTestMethod().getName()
					+ " -Dseed=" + seed + ": " + failure, failure);
		}
	}
}
