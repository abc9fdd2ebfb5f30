package com.example.hello;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class HelloTest {

	@Test
	void greets() {
		StepVerifier.create(Hello.greet("Ada"))
				.expectNext("Hello, Ada!")
				.verifyComplete();
	}

	@Test
	void greetsAfterItsPauseOnVirtualTime() {
		// the coroutine's sleep follows the virtual clock: no real waiting
		StepVerifier.withVirtualTime(() -> Hello.greet("Alan"))
				.expectSubscription()
				.expectNoEvent(Duration.ofMillis(99))
				.thenAwait(Duration.ofMillis(1))
				.expectNext("Hello, Alan!")
				.verifyComplete();
	}
}
