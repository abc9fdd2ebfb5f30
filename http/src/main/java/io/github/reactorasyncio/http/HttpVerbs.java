package io.github.reactorasyncio.http;

import java.util.Objects;

import com.google.errorprone.annotations.CheckReturnValue;
import reactor.core.publisher.Mono;

/**
 * The shorthand request methods of {@link ClientSession}, one per HTTP verb, all of them
 * {@link #request(String, String, RequestOptions)} with the verb filled in: aiohttp's {@code get},
 * {@code post}, ... Not public: users see these methods as {@code ClientSession}'s own; keeping them here
 * keeps the session's code about the session.
 *
 * <p>Every method returns a cold {@code Mono<ClientResponse>} that does nothing until subscribed (hence
 * {@code @CheckReturnValue}: a dropped result is a request never sent); see {@link ClientSession} for
 * where it signals and how cancellation flows.
 */
abstract sealed class HttpVerbs permits ClientSession {

	HttpVerbs() {
	}

	/**
	 * Sends a request; every other request method comes here. The Mono is cold: each subscription sends
	 * the request anew. It signals the response on a Reactor Netty event loop thread when the status and
	 * headers arrived; an {@link InvalidUrlException} if the URL cannot be used (nothing is sent); a
	 * {@link ClientConnectionException} or {@link ClientTimeoutException} if the exchange fails;
	 * {@link TooManyRedirectsException} past the redirect limit; {@link SessionClosedException} if the session
	 * is closed while the request is in flight; a {@link ClientResponseException} for an error status if
	 * {@code raiseForStatus} is on. Cancelling the subscription aborts the request and closes its connection.
	 *
	 * @param method the HTTP method, e.g. {@code "GET"}; case-insensitive
	 * @param url absolute, or relative to the base URL
	 * @param options headers, query parameters, body, timeout, redirects of this request
	 * @return a cold Mono of the response
	 * @throws IllegalArgumentException if the method is not a valid HTTP token
	 * @throws IllegalStateException if the session is closed (a Mono made before the close signals it)
	 */
	@CheckReturnValue
	public abstract Mono<ClientResponse> request(String method, String url, RequestOptions options);

	/**
	 * A GET request: {@code request("GET", url, RequestOptions.none())}.
	 *
	 * @param url absolute, or relative to the base URL
	 * @return a cold Mono of the response
	 */
	@CheckReturnValue
	public Mono<ClientResponse> get(String url) {
		return request("GET", url, RequestOptions.none());
	}

	/**
	 * A GET request with options of its own: {@code request("GET", url, options)}.
	 *
	 * @param url absolute, or relative to the base URL
	 * @param options headers, query parameters, timeout, redirects of this request
	 * @return a cold Mono of the response
	 */
	@CheckReturnValue
	public Mono<ClientResponse> get(String url, RequestOptions options) {
		return request("GET", url, options);
	}

	/**
	 * A POST request with no body (as aiohttp's {@code session.post(url)}): it sends
	 * {@code Content-Length: 0}.
	 *
	 * @param url absolute, or relative to the base URL
	 * @return a cold Mono of the response
	 */
	@CheckReturnValue
	public Mono<ClientResponse> post(String url) {
		return request("POST", url, RequestOptions.none());
	}

	/**
	 * A POST request that sends {@code body}.
	 *
	 * @param url absolute, or relative to the base URL
	 * @param body what to send
	 * @return a cold Mono of the response
	 */
	@CheckReturnValue
	public Mono<ClientResponse> post(String url, RequestBody body) {
		return request("POST", url, withBody(body));
	}

	/**
	 * A POST request with options of its own, the body among them.
	 *
	 * @param url absolute, or relative to the base URL
	 * @param options the body and anything else this request adds
	 * @return a cold Mono of the response
	 */
	@CheckReturnValue
	public Mono<ClientResponse> post(String url, RequestOptions options) {
		return request("POST", url, options);
	}

	/**
	 * A PUT request that sends {@code body}.
	 *
	 * @param url absolute, or relative to the base URL
	 * @param body what to send
	 * @return a cold Mono of the response
	 */
	@CheckReturnValue
	public Mono<ClientResponse> put(String url, RequestBody body) {
		return request("PUT", url, withBody(body));
	}

	/**
	 * A PUT request with options of its own, the body among them.
	 *
	 * @param url absolute, or relative to the base URL
	 * @param options the body and anything else this request adds
	 * @return a cold Mono of the response
	 */
	@CheckReturnValue
	public Mono<ClientResponse> put(String url, RequestOptions options) {
		return request("PUT", url, options);
	}

	/**
	 * A PATCH request that sends {@code body}.
	 *
	 * @param url absolute, or relative to the base URL
	 * @param body what to send
	 * @return a cold Mono of the response
	 */
	@CheckReturnValue
	public Mono<ClientResponse> patch(String url, RequestBody body) {
		return request("PATCH", url, withBody(body));
	}

	/**
	 * A PATCH request with options of its own, the body among them.
	 *
	 * @param url absolute, or relative to the base URL
	 * @param options the body and anything else this request adds
	 * @return a cold Mono of the response
	 */
	@CheckReturnValue
	public Mono<ClientResponse> patch(String url, RequestOptions options) {
		return request("PATCH", url, options);
	}

	/**
	 * A DELETE request.
	 *
	 * @param url absolute, or relative to the base URL
	 * @return a cold Mono of the response
	 */
	@CheckReturnValue
	public Mono<ClientResponse> delete(String url) {
		return request("DELETE", url, RequestOptions.none());
	}

	/**
	 * A DELETE request with options of its own.
	 *
	 * @param url absolute, or relative to the base URL
	 * @param options what this request adds
	 * @return a cold Mono of the response
	 */
	@CheckReturnValue
	public Mono<ClientResponse> delete(String url, RequestOptions options) {
		return request("DELETE", url, options);
	}

	/**
	 * A HEAD request; the response's body is empty.
	 *
	 * @param url absolute, or relative to the base URL
	 * @return a cold Mono of the response
	 */
	@CheckReturnValue
	public Mono<ClientResponse> head(String url) {
		return request("HEAD", url, RequestOptions.none());
	}

	/**
	 * A HEAD request with options of its own; the response's body is empty.
	 *
	 * @param url absolute, or relative to the base URL
	 * @param options what this request adds
	 * @return a cold Mono of the response
	 */
	@CheckReturnValue
	public Mono<ClientResponse> head(String url, RequestOptions options) {
		return request("HEAD", url, options);
	}

	private static RequestOptions withBody(RequestBody body) {
		return RequestOptions.builder().body(Objects.requireNonNull(body, "body")).build();
	}
}
