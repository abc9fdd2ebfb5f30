package io.github.reactorasyncio;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@org.junit.jupiter.api.Timeout(30)
class ContextVarTest {

	@RegisterExtension
	final Steps steps = new Steps();

	private static final ContextVar<String> REQUEST = ContextVar.create("request");
	private static final ContextVar<Integer> DEPTH = ContextVar.create("depth", 0);

	@Test
	void getWithoutValueThrowsOrFallsBackToADefault() throws Exception {
		Async.run(() -> {
			assertThatThrownBy(REQUEST::get).isInstanceOf(NoSuchElementException.class)
					.hasMessageContaining("request");
			assertThat(REQUEST.get("fallback")).isEqualTo("fallback");
			assertThat(DEPTH.get()).isZero();
			assertThat(DEPTH.get(7)).isEqualTo(7); // an explicit fallback wins over the default, as in Python
			DEPTH.set(3);
			assertThat(DEPTH.get(7)).isEqualTo(3);
			return null;
		});
	}

	@Test
	void aChildSeesItsParentsValuesAtCreationAndNeitherSeesTheOthersLaterSets() throws Exception {
		Async.run(() -> {
			REQUEST.set("parent-1");
			Task<Object> child = Async.createTask(() -> {
				steps.add("child sees " + REQUEST.get());
				Async.yieldNow(); // the parent sets parent-2 meanwhile
				steps.add("child still sees " + REQUEST.get());
				REQUEST.set("child");
				return null;
			});
			REQUEST.set("parent-2");
			Async.await(child);
			steps.add("parent sees " + REQUEST.get());
			Task<String> late = Async.createTask(REQUEST::get);
			steps.add("a later child sees " + Async.await(late));
			return null;
		});
		assertThat(steps).containsExactly("child sees parent-1", "child still sees parent-1", "parent sees parent-2",
				"a later child sees parent-2");
	}

	@Test
	void valuesBelongToTheTaskAcrossAwaitsWhileTasksInterleave() throws Exception {
		List<String> seen = Async.run(() -> {
			List<String> out = new ArrayList<>();
			List<Task<Object>> tasks = new ArrayList<>();
			for (String name : List.of("a", "b", "c")) {
				tasks.add(Async.createTask(() -> {
					REQUEST.set(name);
					for (int i = 0; i < 3; i++) {
						Async.yieldNow();
						out.add(name + "=" + REQUEST.get());
					}
					return null;
				}));
			}
			Async.gather(tasks);
			return out;
		});
		assertThat(seen).containsExactly("a=a", "b=b", "c=c", "a=a", "b=b", "c=c", "a=a", "b=b", "c=c");
	}

	@Test
	void resetRestoresThePreviousValueOnceAndOnlyInItsOwnContext() throws Exception {
		Async.run(() -> {
			ContextVar.Token<String> first = REQUEST.set("one");
			assertThat(first.oldValue()).isSameAs(ContextVar.Token.MISSING);
			ContextVar.Token<String> second = REQUEST.set("two");
			assertThat(second.oldValue()).isEqualTo("one");
			assertThat(second.var()).isSameAs(REQUEST);

			Task<Object> other = Async.createTask(() -> {
				REQUEST.reset(second);
				return null;
			});
			assertThatThrownBy(() -> Async.await(other)).isInstanceOf(IllegalArgumentException.class)
					.hasMessageContaining("different context");

			REQUEST.reset(second);
			assertThat(REQUEST.get()).isEqualTo("one");
			assertThatThrownBy(() -> REQUEST.reset(second)).isInstanceOf(InvalidStateException.class)
					.hasMessageContaining("USED");
			REQUEST.reset(first);
			assertThatThrownBy(REQUEST::get).isInstanceOf(NoSuchElementException.class);

			ContextVar<String> another = ContextVar.create("another");
			ContextVar.Token<String> foreign = another.set("x");
			@SuppressWarnings({"unchecked", "rawtypes"})
			ContextVar<Object> raw = (ContextVar) REQUEST;
			@SuppressWarnings({"unchecked", "rawtypes"})
			ContextVar.Token<Object> rawToken = (ContextVar.Token) foreign;
			assertThatThrownBy(() -> raw.reset(rawToken)).isInstanceOf(IllegalArgumentException.class)
					.hasMessageContaining("different ContextVar");
			return null;
		});
	}

	@Test
	void aTaskStartedFromAPlainThreadCopiesThatThreadsValues() throws Exception {
		ContextVar.Token<String> token = REQUEST.set("from the caller");
		try {
			assertThat(REQUEST.get()).isEqualTo("from the caller");
			String seen = Async.run(() -> {
				String v = REQUEST.get();
				REQUEST.set("changed inside");
				return v;
			});
			assertThat(seen).isEqualTo("from the caller");
			assertThat(REQUEST.get()).isEqualTo("from the caller");
		}
		finally {
			REQUEST.reset(token);
		}
		assertThatThrownBy(REQUEST::get).isInstanceOf(NoSuchElementException.class);
	}

	@Test
	void theReactorContextKeyedByTheVariableIsItsFallbackInAMono() {
		StepVerifier.create(Async.mono(() -> REQUEST.get() + "," + Async.await(Async.createTask(REQUEST::get)))
						.contextWrite(Context.of(REQUEST, "from reactor")))
				.expectNext("from reactor,from reactor")
				.verifyComplete();
		StepVerifier.create(Async.mono(() -> {
					REQUEST.set("own value");
					return REQUEST.get();
				}).contextWrite(Context.of(REQUEST, "from reactor")))
				.expectNext("own value")
				.verifyComplete();
	}
}
