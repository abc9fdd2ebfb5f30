package io.github.reactorasyncio.http;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The server redirected more times than the limit ({@link ClientSession#DEFAULT_MAX_REDIRECTS} unless set
 * with {@link ClientSession.Builder#maxRedirects(int)} or {@link RequestOptions.Builder#maxRedirects(int)}):
 * Python's {@code aiohttp.TooManyRedirects}. {@link #history()} lists the URLs in the order they were
 * requested, and the message shows them; the last redirect's connection is closed.
 */
public final class TooManyRedirectsException extends ClientException {

	private static final long serialVersionUID = 1L;

	/** The URLs requested, the first one first, then where the last redirect pointed. */
	private final URI[] history;

	/** The limit that was reached. */
	private final int maxRedirects;

	/**
	 * Creates the exception for a request that was redirected more than {@code maxRedirects} times.
	 *
	 * @param method the request's method
	 * @param url the URL first requested
	 * @param history the URLs requested, the first one first, then where the last redirect pointed
	 * @param maxRedirects the limit that was reached
	 */
	public TooManyRedirectsException(String method, URI url, List<URI> history, int maxRedirects) {
		super(method + " " + url + " was redirected more than " + maxRedirects + " times: "
				+ history.stream().map(URI::toString).collect(Collectors.joining(" -> "))
				+ ". The server redirects in a loop, or the chain is legitimately long: then raise the limit with "
				+ "ClientSession.builder().maxRedirects(n) or RequestOptions.builder().maxRedirects(n), or turn "
				+ "following off with followRedirects(false) to see the redirect itself.", method, url, null);
		this.history = history.toArray(URI[]::new);
		this.maxRedirects = maxRedirects;
	}

	/**
	 * Returns the URLs requested, the first one first, then where the last redirect pointed.
	 *
	 * @return the redirect chain, as aiohttp's {@code history}
	 */
	public List<URI> history() {
		return List.of(history);
	}

	/** {@return the limit that was reached} */
	public int maxRedirects() {
		return maxRedirects;
	}
}
