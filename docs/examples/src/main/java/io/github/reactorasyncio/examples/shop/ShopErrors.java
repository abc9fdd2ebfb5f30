package io.github.reactorasyncio.examples.shop;

import java.util.concurrent.TimeoutException;

import io.github.reactorasyncio.http.ClientException;
import io.github.reactorasyncio.http.ClientResponseException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns what a coroutine throws into clean error responses: the exception a handler's coroutine throws is
 * the Mono's error, the same instance, so ordinary {@code @ExceptionHandler}s see it.
 */
@RestControllerAdvice
public class ShopErrors {

	/** Creates the advice; Spring does this. */
	public ShopErrors() {
	}

	// tag::errors[]
	/**
	 * @param e the pricing service answered with an error status
	 * @return 502 Bad Gateway, saying which status the service gave
	 */
	@ExceptionHandler(ClientResponseException.class)
	public ProblemDetail pricingFailed(ClientResponseException e) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
				"The pricing service answered " + e.status() + " " + e.reason());
	}

	/**
	 * @param e the pricing service could not be reached or broke the protocol
	 * @return 502 Bad Gateway
	 */
	@ExceptionHandler(ClientException.class)
	public ProblemDetail pricingUnreachable(ClientException e) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "The pricing service failed: " + e.getMessage());
	}

	/**
	 * @param e an {@code Async.timeout} passed, or a timeout of the HTTP client (a {@code ClientTimeoutException})
	 * @return 504 Gateway Timeout
	 */
	@ExceptionHandler(TimeoutException.class)
	public ProblemDetail tooSlow(TimeoutException e) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT, "The price took too long to look up");
	}
	// end::errors[]
}
