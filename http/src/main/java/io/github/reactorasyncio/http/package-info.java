/**
 * An aiohttp-style HTTP client for coroutines and Reactor, on Reactor Netty, with JSON by Jackson 3.
 *
 * <pre>{@code
 * try (ClientSession session = ClientSession.create()) {
 *     User user = Async.run(() -> {
 *         try (ClientResponse response = Async.await(session.get("https://api.github.com/users/iliakan"))) {
 *             return Async.await(response.json(User.class));
 *         }
 *     });
 * }
 * }</pre>
 *
 * <p><b>Errors.</b> Every failure this package reports is a {@link io.github.reactorasyncio.http.ClientException},
 * an unchecked exception (Python's {@code aiohttp.ClientError}): {@code Async.await} rethrows it as it is,
 * and a Reactor pipeline sees it as the error signal. Its subtypes say what went wrong:
 * {@link io.github.reactorasyncio.http.ClientResponseException} (an error status, only through
 * {@code raiseForStatus}), {@link io.github.reactorasyncio.http.ClientConnectionException},
 * {@link io.github.reactorasyncio.http.TimeoutException}, {@link io.github.reactorasyncio.http.ContentTypeException},
 * {@link io.github.reactorasyncio.http.JsonDecodeException} and
 * {@link io.github.reactorasyncio.http.InvalidUrlException}.
 *
 * <p><b>Threads.</b> Monos and Fluxes of this package are cold and signal on a Reactor Netty event loop
 * thread; awaited from a coroutine, the coroutine resumes on its own loop as usual.
 */
@NullMarked
package io.github.reactorasyncio.http;

import org.jspecify.annotations.NullMarked;
