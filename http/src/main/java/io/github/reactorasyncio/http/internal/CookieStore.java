package io.github.reactorasyncio.http.internal;

import java.net.URI;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.cookie.ClientCookieDecoder;
import io.netty.handler.codec.http.cookie.ClientCookieEncoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;

/**
 * The cookies of a {@code CookieJar}, with aiohttp's {@code CookieJar} rules (RFC 6265): parsed by Netty's
 * lax {@link ClientCookieDecoder}, a cookie without {@code Domain} is host-only, one whose {@code Domain}
 * does not domain-match the response's host is refused, a missing or relative {@code Path} is the default
 * path of the response URL, {@code Max-Age} wins over {@code Expires} and a non-positive one deletes the
 * cookie, {@code Secure} cookies go to https and wss only; unless unsafe, cookies of IP-address hosts are
 * neither stored nor sent (aiohttp's {@code unsafe=False}). Thread-safe (one lock): sessions on several
 * Netty threads may share it.
 */
public final class CookieStore {

	private final boolean unsafe;
	private final InstantSource clock;
	/** By (domain, path, name), in order of creation: RFC 6265 sends older cookies first among equal paths. */
	private final Map<Key, Entry> cookies = new LinkedHashMap<>();
	// read without the lock by every request: a jar that has never held a cookie (most sessions) costs no URL
	// parsing and no locking per request; set under the lock whenever the map changes
	private volatile boolean empty = true;

	/**
	 * @param unsafe whether cookies of IP-address hosts are kept, as aiohttp's {@code unsafe=True}
	 * @param clock the clock of {@code Max-Age}
	 */
	public CookieStore(boolean unsafe, InstantSource clock) {
		this.unsafe = unsafe;
		this.clock = clock;
	}

	private record Key(String domain, String path, String name) {
	}

	/** A stored cookie: its domain and path resolved, its expiry absolute. */
	private record Entry(Cookie cookie, boolean hostOnly, long expiresMillis) {
		boolean expired(long now) {
			return expiresMillis != Long.MAX_VALUE && expiresMillis <= now;
		}
	}

	/**
	 * Installs the store on a client: cookies sent with every request, redirects included, and stored from every
	 * response. A redirect's cookies are stored in the redirect predicate, which Reactor Netty calls with the
	 * redirect's head before it sends the next request ({@code doOnRedirect} may run after that request went).
	 *
	 * @param client the session's client
	 * @param follow the session's redirect predicate, which this one wraps
	 */
	public HttpClient install(HttpClient client, BiPredicate<HttpClientRequest, HttpClientResponse> follow) {
		return client.doOnRequest((req, conn) -> addCookieHeader(req))
				.followRedirect((req, res) -> {
					if (res.status().code() / 100 == 3) {
						store(res);
					}
					return follow.test(req, res);
				})
				.doOnResponse((res, conn) -> store(res));
	}

	private void addCookieHeader(HttpClientRequest req) {
		if (empty && req.redirectedFrom().length == 0 && !req.requestHeaders().contains(HttpHeaderNames.COOKIE)) {
			return; // nothing to add, nothing of the user's to merge
		}
		URI uri = URI.create(req.resourceUrl());
		String jar = header(uri);
		// on a redirect Reactor Netty copies the previous request's headers, the jar's cookies of the previous URL
		// included: those are replaced by this URL's; a first request keeps the user's own Cookie header too
		String own = req.redirectedFrom().length == 0 ? req.requestHeaders().get(HttpHeaderNames.COOKIE) : null;
		req.requestHeaders().remove(HttpHeaderNames.COOKIE);
		String value = own == null || own.isEmpty() ? jar : jar == null ? own : own + "; " + jar;
		if (value != null) {
			req.requestHeaders().set(HttpHeaderNames.COOKIE, value);
		}
	}

	private void store(HttpClientResponse res) {
		// called for every response: most set no cookie, and getAll would allocate a list to say so
		if (!res.responseHeaders().contains(HttpHeaderNames.SET_COOKIE)) {
			return;
		}
		URI uri = URI.create(res.resourceUrl());
		for (String s : res.responseHeaders().getAll(HttpHeaderNames.SET_COOKIE)) {
			update(uri, s);
		}
	}

	/** Stores the cookie of one {@code Set-Cookie} value received from {@code uri}, or ignores it if invalid. */
	public synchronized void update(URI uri, String setCookie) {
		String host = host(uri);
		if (host == null || (!unsafe && isIp(host))) {
			return;
		}
		Cookie c = ClientCookieDecoder.LAX.decode(setCookie);
		if (c == null) {
			return;
		}
		boolean hostOnly;
		String domain = c.domain();
		if (domain == null || domain.isEmpty() || domain.equals(".")) {
			hostOnly = true;
			domain = host;
		}
		else {
			domain = (domain.startsWith(".") ? domain.substring(1) : domain).toLowerCase(Locale.ROOT);
			if (!domainMatches(host, domain) || isIp(domain) && !domain.equals(host)) {
				return;
			}
			hostOnly = false;
		}
		String path = c.path();
		if (path == null || !path.startsWith("/")) {
			path = defaultPath(uri);
		}
		c.setDomain(domain);
		c.setPath(path);
		Key key = new Key(domain, path, c.name());
		long maxAge = c.maxAge();
		long now = clock.millis();
		if (maxAge != Cookie.UNDEFINED_MAX_AGE && maxAge <= 0) {
			cookies.remove(key);
			empty = cookies.isEmpty();
			return;
		}
		long expires = maxAge == Cookie.UNDEFINED_MAX_AGE ? Long.MAX_VALUE
				: maxAge > (Long.MAX_VALUE - now) / 1000 ? Long.MAX_VALUE : now + maxAge * 1000;
		// replacing keeps the original creation order, as RFC 6265 5.3 step 11.3
		cookies.put(key, new Entry(c, hostOnly, expires));
		empty = false;
	}

	/** {@return the cookies to send to {@code uri}: longer paths first, then older first} */
	public synchronized List<Cookie> filter(URI uri) {
		String host = host(uri);
		List<Cookie> out = new ArrayList<>();
		if (host == null || (!unsafe && isIp(host))) {
			return out;
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		boolean secure = scheme.equals("https") || scheme.equals("wss");
		String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
		long now = clock.millis();
		for (Iterator<Entry> it = cookies.values().iterator(); it.hasNext();) {
			Entry e = it.next();
			if (e.expired(now)) {
				it.remove();
				continue;
			}
			Cookie c = e.cookie();
			boolean domainOk = e.hostOnly() ? host.equals(c.domain()) : domainMatches(host, c.domain());
			if (domainOk && pathMatches(path, c.path()) && (secure || !c.isSecure())) {
				out.add(c);
			}
		}
		empty = cookies.isEmpty();
		// stable: equal paths stay in creation order
		out.sort(Comparator.comparingInt((Cookie c) -> c.path().length()).reversed());
		return out;
	}

	/** {@return the {@code Cookie} header value for {@code uri}, or null if no cookie applies} */
	public @Nullable String header(URI uri) {
		List<Cookie> send = filter(uri);
		return send.isEmpty() ? null : ClientCookieEncoder.LAX.encode(send);
	}

	/** {@return every unexpired cookie, oldest first} */
	public synchronized List<Cookie> all() {
		long now = clock.millis();
		cookies.values().removeIf(e -> e.expired(now));
		empty = cookies.isEmpty();
		List<Cookie> out = new ArrayList<>();
		for (Entry e : cookies.values()) {
			out.add(copy(e.cookie()));
		}
		return out;
	}

	/** Removes the cookies the predicate accepts. */
	public synchronized void clear(Predicate<? super Cookie> which) {
		cookies.values().removeIf(e -> which.test(e.cookie()));
		empty = cookies.isEmpty();
	}

	/** Removes the cookies of a domain and its subdomains, as aiohttp's {@code clear_domain}. */
	public void clearDomain(String domain) {
		String d = domain.toLowerCase(Locale.ROOT);
		clear(c -> domainMatches(c.domain(), d));
	}

	/** {@return a copy of a cookie, which the caller may change} */
	public static Cookie copy(Cookie c) {
		DefaultCookie d = new DefaultCookie(c.name(), c.value());
		d.setDomain(c.domain());
		d.setPath(c.path());
		d.setMaxAge(c.maxAge());
		d.setSecure(c.isSecure());
		d.setHttpOnly(c.isHttpOnly());
		d.setWrap(c.wrap());
		return d;
	}

	private static @Nullable String host(URI uri) {
		String h = uri.getHost();
		if (h == null) {
			return null;
		}
		if (h.startsWith("[") && h.endsWith("]")) {
			h = h.substring(1, h.length() - 1);
		}
		return h.toLowerCase(Locale.ROOT);
	}

	private static boolean isIp(String host) {
		return NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host);
	}

	/** RFC 6265 5.1.3. */
	static boolean domainMatches(String host, String domain) {
		return host.equals(domain) || host.endsWith(domain) && host.charAt(host.length() - domain.length() - 1) == '.'
				&& !isIp(host);
	}

	/** RFC 6265 5.1.4. */
	static boolean pathMatches(String requestPath, String cookiePath) {
		if (requestPath.equals(cookiePath)) {
			return true;
		}
		return requestPath.startsWith(cookiePath)
				&& (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
	}

	/** RFC 6265 5.1.4: the directory of the URL's path. */
	static String defaultPath(URI uri) {
		String p = uri.getRawPath();
		if (p == null || !p.startsWith("/")) {
			return "/";
		}
		int last = p.lastIndexOf('/');
		return last == 0 ? "/" : p.substring(0, last);
	}
}
