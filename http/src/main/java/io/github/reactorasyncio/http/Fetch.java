package io.github.reactorasyncio.http;

import java.util.Objects;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * JavaScript's {@code fetch}, over one shared {@link ClientSession} with the default settings, except that
 * {@code json()} parses any body whatever its {@code Content-Type}, as in a browser. The shared session is
 * created on first use and closed at JVM exit.
 *
 * <pre>{@code
 * // JavaScript: fetch(url).then(r => r.json()).then(user => console.log(user.name))
 * Fetch.fetch(url).flatMap(ClientResponse::json).subscribe(user -> System.out.println(user.get("name")));
 *
 * // in a coroutine
 * ClientResponse r = Async.await(Fetch.fetch(url));
 * if (r.ok()) { JsonNode user = Async.await(r.json()); }
 * }</pre>
 *
 * As in JavaScript, an error status is a normal response: check {@code ok()}.
 */
public final class Fetch {

	private static volatile @Nullable ClientSession shared;

	private Fetch() {
	}

	/**
	 * A GET of the URL. Cold: each subscription fetches anew; it signals the response on a Reactor Netty
	 * event loop thread once its status and headers arrived. Cancelling the subscription aborts the request.
	 * Reading the body to its end, or closing the response, releases the connection.
	 *
	 * @param url an absolute http(s) URL
	 * @return a cold Mono of the response
	 */
	@CheckReturnValue
	public static Mono<ClientResponse> fetch(String url) {
		Objects.requireNonNull(url, "url");
		return session().request("GET", url, RequestOptions.none());
	}

	/**
	 * As {@link #fetch(String)}, with a method, headers, body or timeout.
	 *
	 * @param url an absolute http(s) URL
	 * @param options what to send
	 * @return a cold Mono of the response
	 */
	@CheckReturnValue
	public static Mono<ClientResponse> fetch(String url, FetchOptions options) {
		Objects.requireNonNull(url, "url");
		Objects.requireNonNull(options, "options");
		return session().request(options.method, url, options.request);
	}

	private static ClientSession session() {
		ClientSession s = shared;
		if (s == null) {
			synchronized (Fetch.class) {
				s = shared;
				if (s == null) {
					ClientSession created = ClientSession.builder().lenientJson(true).build();
					Runtime.getRuntime().addShutdownHook(new Thread(created::close, "reactor-asyncio-fetch-close"));
					shared = s = created;
				}
			}
		}
		return s;
	}
}
