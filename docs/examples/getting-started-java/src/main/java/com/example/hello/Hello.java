package com.example.hello;

import java.time.Duration;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.Task;
import reactor.core.publisher.Mono;

/** The smallest reactor-asyncio program: two slow calls at once, written as straight-line code. */
public final class Hello {

	private Hello() {
	}

	/**
	 * Greets someone after a pause, as a coroutine that is also a cold Mono.
	 *
	 * @param name who to greet
	 * @return a Mono of the greeting
	 */
	public static Mono<String> greet(String name) {
		return Async.mono(() -> {
			Async.sleep(Duration.ofMillis(100));   // the loop runs other coroutines meanwhile
			return "Hello, " + name + "!";
		});
	}

	/**
	 * Greets two people at the same time.
	 *
	 * @param args unused
	 * @throws Exception if a coroutine fails
	 */
	public static void main(String[] args) throws Exception {
		List<String> greetings = Async.run(() -> {
			Task<String> ada = Async.createTask(() -> Async.await(greet("Ada")));
			String alan = Async.await(greet("Alan"));
			return List.of(Async.await(ada), alan);      // about 100 ms in all, not 200
		});
		greetings.forEach(System.out::println);
	}
}
