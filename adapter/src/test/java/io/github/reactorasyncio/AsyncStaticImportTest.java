package io.github.reactorasyncio;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.github.reactorasyncio.Async.createTask;
import static io.github.reactorasyncio.Async.gather;
import static io.github.reactorasyncio.Async.run;
import static io.github.reactorasyncio.Async.sleep;
import static io.github.reactorasyncio.Async.waitFor;
import static io.github.reactorasyncio.Async.waitFutures;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Async's functions work unqualified after {@code import static}: this class compiles only if no name is
 * hidden by a method every class inherits (as {@code Object.wait} hid {@code Async.wait}).
 */
class AsyncStaticImportTest {

	@Test
	void theAsyncioFunctionsAreCallableUnqualified() throws Exception {
		DoneAndPending<String> r = run(() -> {
			Task<String> a = createTask(() -> sleep(Duration.ofMillis(1), "a"));
			Task<String> b = createTask(() -> "b");
			assertThat(gather(a, b)).containsExactly("a", "b");
			assertThat(waitFor(a, null)).isEqualTo("a");
			return waitFutures(List.of(a, b), null, ReturnWhen.ALL_COMPLETED);
		});
		assertThat(r.done()).hasSize(2);
		assertThat(r.pending()).isEmpty();
	}
}
