package io.github.reactorasyncio.http;

import java.net.URI;
import java.time.Duration;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * Callbacks that observe a session's requests, so that users can log and time them: Python's
 * {@code aiohttp.TraceConfig} ({@code on_request_start}, {@code on_request_end}, {@code on_request_exception},
 * {@code on_request_redirect}). Implement the methods you need (they all default to doing nothing) and give
 * the config to {@link ClientSession.Builder#traceConfig(TraceConfig)}; a session may have several, called in
 * the order they were added.
 *
 * <pre>{@code
 * TraceConfig log = new TraceConfig() {
 *     public void onRequestEnd(String method, URI url, int status, Duration elapsed) {
 *         System.out.println(method + " " + url + " -> " + status + " in " + elapsed.toMillis() + " ms");
 *     }
 * };
 * ClientSession session = ClientSession.builder().traceConfig(log).build();
 * }</pre>
 *
 * <p>For each request, {@code onRequestStart} is called once, then either {@code onRequestEnd} (the response
 * head arrived) or {@code onRequestException} (the request failed), with {@code onRequestRedirect} for each
 * redirect followed in between. As in aiohttp, the one case of both is {@code raiseForStatus}: an error status
 * gets {@code onRequestEnd}, then {@code onRequestException} with the {@link ClientResponseException}. A
 * request cancelled before its response (by its subscriber, or a cancelled coroutine) gets no end or exception
 * call; one that fails before it starts (an invalid URL, a closed session) gets none at all. Reading the body
 * happens after {@code onRequestEnd} and is not traced.
 *
 * <p><b>Threads.</b> {@code onRequestStart} runs on the thread that subscribes to the request's Mono (a
 * coroutine's when it awaits it); the others on the Reactor Netty event loop thread that handles the
 * connection (or, for a timeout, a Reactor timer thread). Callbacks must therefore be thread-safe and must
 * not block: they run inside the request's I/O.
 *
 * <p><b>A callback that throws</b> does not break the request: its {@link RuntimeException} is caught and
 * logged (at WARN, through Reactor's logger, category {@code io.github.reactorasyncio.http.TraceConfig}), and
 * the request and the other callbacks go on as if it had returned. An {@link Error} is not caught.
 */
public interface TraceConfig {

	/**
	 * Called once when the request starts (its Mono is subscribed), before it is sent.
	 *
	 * @param method the request's method
	 * @param url the request's absolute URL, query included
	 * @param headers the headers given by the session and the request (not those Reactor Netty adds, such as
	 *        {@code Host} or {@code Accept-Encoding}); a read-only copy
	 */
	default void onRequestStart(String method, URI url, HttpHeaders headers) {
	}

	/**
	 * Called once when the response's status and headers arrived (after any redirects followed).
	 *
	 * @param method the request's method
	 * @param url the URL that was requested (before redirects; the response's {@code url()} is the last one)
	 * @param status the response's status code
	 * @param elapsed the time from {@code onRequestStart} to now
	 */
	default void onRequestEnd(String method, URI url, int status, Duration elapsed) {
	}

	/**
	 * Called once when the request fails, with the exception its subscriber sees (the same instance).
	 *
	 * @param method the request's method
	 * @param url the URL that was requested
	 * @param error the failure: a {@link ClientException} (a {@link ClientTimeoutException} for a timeout, a
	 *        {@link ClientResponseException} under {@code raiseForStatus}, a {@link SessionClosedException} if
	 *        the session was closed meanwhile)
	 * @param elapsed the time from {@code onRequestStart} to now
	 */
	default void onRequestException(String method, URI url, Throwable error, Duration elapsed) {
	}

	/**
	 * Called for each redirect the request follows, when its response arrived and before the next request.
	 *
	 * @param method the method of the request that was redirected
	 * @param url the URL that answered with the redirect
	 * @param status the redirect's status (301, 302, 303, 307 or 308)
	 * @param location its {@code Location} header, as sent (may be relative)
	 */
	default void onRequestRedirect(String method, URI url, int status, String location) {
	}
}
