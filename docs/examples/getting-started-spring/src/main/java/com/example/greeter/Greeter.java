package com.example.greeter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.Task;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Greets people, slowly: stands for a service that calls a database or another service. */
@Service
public class Greeter {

	/**
	 * One greeting, after a pause.
	 *
	 * @param name who to greet
	 * @return a cold Mono of the greeting; it runs as a coroutine on one of the Spring-configured loops
	 */
	public Mono<String> greet(String name) {
		return Async.mono(() -> {
			Async.sleep(Duration.ofMillis(50));   // the loop serves other requests meanwhile
			return "Hello, " + name + "!";
		});
	}

	/**
	 * Greets everyone at the same time.
	 *
	 * @param names who to greet
	 * @return the greetings, in the order of the names
	 */
	public Mono<List<String>> greetAll(List<String> names) {
		return Async.mono(() -> {
			List<Task<String>> greetings = new ArrayList<>();
			for (String name : names) {
				greetings.add(Async.createTask(() -> Async.await(greet(name))));
			}
			return Async.gather(greetings);         // all at once: about 50 ms, however many names
		});
	}
}
