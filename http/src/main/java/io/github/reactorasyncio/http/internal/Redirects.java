package io.github.reactorasyncio.http.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.http.TooManyRedirectsException;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;
import reactor.util.context.Context;

/**
 * The redirect policy of a session: a request follows redirects up to its limit, which travels in the
 * subscriber's context so that one predicate on the session's {@code HttpClient} serves every request (no
 * per-request copy of the client); a redirect past the limit becomes {@link TooManyRedirectsException}.
 */
public final class Redirects {

	/** The limit of a request that follows no redirect: the redirect is its response. */
	public static final int NONE = -1;

	private static final String KEY = "reactor-asyncio.http.maxRedirects";

	private Redirects() {
	}

	/** {@return the context that carries a request's limit to {@link #follow}} */
	public static Context context(int limit) {
		return limit >= NONE && limit < CONTEXTS.length - 1 ? CONTEXTS[limit + 1] : Context.of(KEY, limit);
	}

	// the contexts of the usual limits (none, 0 to aiohttp's default and a little more), made once rather than per request
	private static final Context[] CONTEXTS = new Context[22];

	static {
		for (int i = 0; i < CONTEXTS.length; i++) {
			CONTEXTS[i] = Context.of(KEY, i - 1);
		}
	}

	/** The session's {@code followRedirect} predicate: follow while the request's limit allows. */
	public static boolean follow(HttpClientRequest req, HttpClientResponse res) {
		// the status first: Reactor Netty asks for every response, and the context lookup is the dearer half
		return isRedirect(res.status().code()) && res.redirectedFrom().length < req.currentContextView()
				.getOrDefault(KEY, NONE);
	}

	/**
	 * {@return whether a response is a redirect that {@link #follow} refused for being one too many}: a
	 * request that follows redirects sees no other redirect as its response.
	 */
	public static boolean overLimit(int limit, HttpClientResponse res) {
		return limit != NONE && isRedirect(res.status().code());
	}

	private static boolean isRedirect(int status) {
		return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
	}

	/** {@return the error of a request whose last redirect was over the limit, with the whole chain} */
	public static TooManyRedirectsException tooMany(String method, HttpClientResponse res, int limit) {
		List<URI> history = new ArrayList<>();
		for (String from : res.redirectedFrom()) {
			history.add(URI.create(from));
		}
		URI last = URI.create(res.resourceUrl());
		history.add(last);
		String location = res.responseHeaders().get(HttpHeaderNames.LOCATION);
		if (location != null) {
			try {
				history.add(last.resolve(location));
			}
			catch (IllegalArgumentException e) {
				// an unparsable Location stays out of the history; the message still shows the chain up to it
			}
		}
		return new TooManyRedirectsException(method, history.get(0), history, limit);
	}
}
