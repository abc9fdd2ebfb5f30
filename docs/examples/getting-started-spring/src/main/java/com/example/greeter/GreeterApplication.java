package com.example.greeter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot WebFlux application whose handlers are coroutines. */
@SpringBootApplication
public class GreeterApplication {

	/**
	 * Starts the application.
	 *
	 * @param args command-line arguments, passed to Spring
	 */
	public static void main(String[] args) {
		SpringApplication.run(GreeterApplication.class, args);
	}
}
