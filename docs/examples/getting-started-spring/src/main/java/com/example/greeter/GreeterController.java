package com.example.greeter;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The HTTP face of the {@link Greeter}. */
@RestController
public class GreeterController {

	private final Greeter greeter;

	GreeterController(Greeter greeter) {
		this.greeter = greeter;
	}

	/**
	 * @param name who to greet
	 * @return the greeting
	 */
	@GetMapping("/hello/{name}")
	public Mono<String> hello(@PathVariable("name") String name) {
		return greeter.greet(name);
	}

	/**
	 * @param names who to greet
	 * @return one greeting per name
	 */
	@GetMapping("/hello")
	public Mono<List<String>> helloAll(@RequestParam("name") List<String> names) {
		return greeter.greetAll(names);
	}
}
