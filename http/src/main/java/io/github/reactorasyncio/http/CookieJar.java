package io.github.reactorasyncio.http;

import java.net.URI;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import io.github.reactorasyncio.http.internal.CookieStore;
import io.netty.handler.codec.http.cookie.Cookie;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;

/**
 * The cookies a {@link ClientSession} keeps: Python's {@code aiohttp.CookieJar}. Every session has one
 * ({@link ClientSession#cookieJar()}); the cookies of each response's {@code Set-Cookie} headers, those of
 * redirects included, are stored, and sent in the {@code Cookie} header of later requests whose URL they
 * match. The rules are RFC 6265's, as aiohttp's:
 * <ul>
 * <li>a cookie without {@code Domain} is host-only: sent to that host only; with one, it is sent to that
 * domain and its subdomains, and refused if the response's host is not in that domain;</li>
 * <li>a cookie is sent to its {@code Path} and the paths below it (without one, the directory of the URL
 * that set it);</li>
 * <li>{@code Max-Age} (else {@code Expires}) bounds its life; zero, a negative one or a past date deletes it;
 * without either it lives as long as the jar;</li>
 * <li>a {@code Secure} cookie is sent over https (and wss) only;</li>
 * <li>as aiohttp's default jar, cookies of a host given as an IP address ({@code http://127.0.0.1/}) are
 * ignored; {@link #unsafe()} keeps them, as {@code CookieJar(unsafe=True)}.</li>
 * </ul>
 * Headers are parsed and written by Netty's {@code ClientCookieDecoder} and {@code ClientCookieEncoder} (lax
 * mode, as browsers). Give one jar to several sessions' builders to share it; {@link #dummy()} keeps nothing,
 * as {@code aiohttp.DummyCookieJar}. Thread-safe; the methods never block beyond a short lock.
 */
public final class CookieJar {

	private final @Nullable CookieStore store;

	private CookieJar(@Nullable CookieStore store) {
		this.store = store;
	}

	/**
	 * Returns a new empty jar that ignores the cookies of IP-address hosts: aiohttp's {@code CookieJar()}.
	 *
	 * @return a new empty jar
	 */
	public static CookieJar create() {
		return builder().build();
	}

	/**
	 * Returns a new empty jar that also keeps the cookies of IP-address hosts: aiohttp's
	 * {@code CookieJar(unsafe=True)}.
	 *
	 * @return a new empty jar that keeps cookies of IP-address hosts too
	 */
	public static CookieJar unsafe() {
		return builder().unsafe(true).build();
	}

	/**
	 * Returns a jar that keeps no cookie and sends none: aiohttp's {@code DummyCookieJar}. Give it to
	 * {@link ClientSession.Builder#cookieJar(CookieJar)} to turn cookies off.
	 *
	 * @return a jar that keeps nothing
	 */
	public static CookieJar dummy() {
		return new CookieJar(null);
	}

	/** {@return a builder of a jar} */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns whether this jar keeps nothing ({@link #dummy()}).
	 *
	 * @return whether this jar keeps nothing
	 */
	public boolean isDummy() {
		return store == null;
	}

	/**
	 * Returns the cookies a request to {@code url} sends: aiohttp's {@code filter_cookies}. Longer paths come
	 * first, then older cookies. Expired cookies are dropped.
	 *
	 * @param url an absolute URL
	 * @return the matching cookies, copies
	 * @throws IllegalArgumentException if {@code url} is not a URL
	 */
	public List<Cookie> filterCookies(String url) {
		Objects.requireNonNull(url, "url");
		CookieStore s = store;
		return s == null ? List.of() : s.filter(URI.create(url)).stream().map(CookieStore::copy).toList();
	}

	/**
	 * Stores the cookie of a {@code Set-Cookie} header value as if a response from {@code url} had carried it:
	 * aiohttp's {@code update_cookies}. A value Netty cannot parse, or whose domain does not match, is ignored,
	 * as a response's would be.
	 *
	 * @param url the absolute URL the cookie comes from
	 * @param setCookie a {@code Set-Cookie} value, e.g. {@code "sid=1; Path=/; Max-Age=60"}
	 * @throws IllegalArgumentException if {@code url} is not a URL
	 */
	public void updateCookies(String url, String setCookie) {
		Objects.requireNonNull(url, "url");
		Objects.requireNonNull(setCookie, "setCookie");
		CookieStore s = store;
		if (s != null) {
			s.update(URI.create(url), setCookie);
		}
	}

	/**
	 * Returns every unexpired cookie of the jar, oldest first (aiohttp's iteration of a jar).
	 *
	 * @return copies of the cookies, their domain and path resolved
	 */
	public List<Cookie> cookies() {
		CookieStore s = store;
		return s == null ? List.of() : s.all();
	}

	/**
	 * Returns how many unexpired cookies the jar holds ({@code len(jar)}).
	 *
	 * @return how many unexpired cookies the jar holds
	 */
	public int size() {
		return cookies().size();
	}

	/** Removes every cookie: aiohttp's {@code clear()}. */
	public void clear() {
		clear(c -> true);
	}

	/**
	 * Removes the cookies the predicate accepts: aiohttp's {@code clear(predicate)}.
	 *
	 * @param which accepts the cookies to remove
	 */
	public void clear(Predicate<? super Cookie> which) {
		Objects.requireNonNull(which, "which");
		CookieStore s = store;
		if (s != null) {
			s.clear(which);
		}
	}

	/**
	 * Removes the cookies of a domain and of its subdomains: aiohttp's {@code clear_domain}.
	 *
	 * @param domain a domain, e.g. {@code example.com}
	 */
	public void clearDomain(String domain) {
		Objects.requireNonNull(domain, "domain");
		CookieStore s = store;
		if (s != null) {
			s.clearDomain(domain);
		}
	}

	/** Installs the jar on a session's client, wrapping its redirect predicate; a dummy jar leaves it alone. */
	HttpClient install(HttpClient client, BiPredicate<HttpClientRequest, HttpClientResponse> follow) {
		CookieStore s = store;
		return s == null ? client : s.install(client, follow);
	}

	@Override
	public String toString() {
		return store == null ? "CookieJar[dummy]" : "CookieJar[" + size() + " cookies]";
	}

	/** Builds a {@link CookieJar}; not thread-safe. */
	public static final class Builder {

		private boolean unsafe;
		private InstantSource clock = InstantSource.system();

		private Builder() {
		}

		/**
		 * Sets whether cookies of IP-address hosts are kept, as aiohttp's {@code unsafe}.
		 *
		 * @param unsafe whether cookies of hosts given as an IP address are kept (default {@code false})
		 * @return this builder
		 */
		public Builder unsafe(boolean unsafe) {
			this.unsafe = unsafe;
			return this;
		}

		/**
		 * Sets the clock that {@code Max-Age} is counted on (for tests); {@code Expires} dates are compared with
		 * the system clock when the header is parsed, by Netty's decoder.
		 *
		 * @param clock the clock (default the system's)
		 * @return this builder
		 */
		public Builder clock(InstantSource clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Returns a new empty jar with these settings.
		 *
		 * @return a new empty jar
		 */
		public CookieJar build() {
			return new CookieJar(new CookieStore(unsafe, clock));
		}
	}
}
