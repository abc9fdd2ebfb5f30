package io.github.reactorasyncio;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import com.google.errorprone.annotations.CheckReturnValue;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Async.mono(...);} or {@code Async.flux(...);} written as a statement runs nothing: the Mono or Flux is
 * cold. Their {@code @CheckReturnValue} (kept at run time) is what makes an IDE or Error Prone flag it.
 */
class AsyncCheckReturnValueTest {

	@Test
	void everyColdPublisherFactoryOfAsyncIsMarked() {
		List<String> marked = new ArrayList<>();
		List<String> unmarked = new ArrayList<>();
		for (Method m : Async.class.getMethods()) {
			if (Publisher.class.isAssignableFrom(m.getReturnType())) {
				(m.isAnnotationPresent(CheckReturnValue.class) ? marked : unmarked).add(m.getName());
			}
		}
		assertThat(unmarked).isEmpty();
		assertThat(marked).containsExactlyInAnyOrder("mono", "mono", "flux", "flux");
	}
}
