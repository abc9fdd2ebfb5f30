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
 * an unchecked exception (Python's {@code aiohttp.ClientError}), except a timeout, which is a
 * {@link io.github.reactorasyncio.http.ClientTimeoutException}: a checked
 * {@link java.util.concurrent.TimeoutException}, like every timeout the library signals, so that one
 * {@code catch (TimeoutException e)} catches them all (Python's {@code except TimeoutError}).
 * {@code Async.await} rethrows either as it is, and a Reactor pipeline sees it as the error signal. The
 * subtypes of {@code ClientException} say what went wrong; see its class comment for the list.
 * A header name or value that could inject a header is refused with {@code IllegalArgumentException} where
 * it is given, as a bad argument.
 *
 * <p><b>Threads.</b> Monos and Fluxes of this package are cold and signal on a Reactor Netty event loop
 * thread; awaited from a coroutine, the coroutine resumes on its own loop as usual.
 */
@NullMarked
package io.github.reactorasyncio.http;

import org.jspecify.annotations.NullMarked;
