package io.github.reactorasyncio.examples.guide;

import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.ContextVar;
import io.github.reactorasyncio.Task;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/** Context: the Reactor Context of {@code Async.mono}, and {@code ContextVar}s copied into child tasks. */
public final class ContextVars {

	private ContextVars() {
	}

	// tag::main[]
	static final ContextVar<String> USER = ContextVar.create("user", "anonymous");

	/**
	 * Reads a context variable set by the subscriber, by the task itself and by a child task.
	 *
	 * @return what each read saw
	 */
	public static Mono<List<String>> run() {
		return Async.mono(() -> {
			List<String> seen = new ArrayList<>();
			seen.add("from the subscriber's context: " + USER.get());
			seen.add("request id: " + Async.context().get("requestId"));

			USER.set("ada");                               // this task's own value from now on
			Task<String> child = Async.createTask(() -> {
				String inherited = USER.get();             // a copy taken when the child was created
				USER.set("grace");                         // invisible to the parent
				return inherited;
			});
			seen.add("child inherited: " + Async.await(child));
			seen.add("parent still sees: " + USER.get());
			return seen;
		}).contextWrite(Context.of(USER, "bob", "requestId", "r-7"));   // what a WebFilter would do
	}
	// end::main[]
}
