package io.github.reactorasyncio.examples.io;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.http.ClientResponse;
import io.github.reactorasyncio.http.ClientSession;
import io.github.reactorasyncio.http.CookieJar;

/** Cookies: a session keeps the cookies its responses set and sends them back, as aiohttp's. */
public final class Cookies {

	private Cookies() {
	}

	// tag::main[]
	/**
	 * Python: {@code async with ClientSession(cookie_jar=CookieJar(unsafe=True)) as s:} then
	 * {@code await s.get(base + "/login")} and {@code await s.get(base + "/whoami")}.
	 *
	 * @param base the server's URL, e.g. {@code http://127.0.0.1:8080}
	 * @return what {@code /whoami} answered, after {@code /login} set a session cookie
	 * @throws Exception if a request failed
	 */
	public static String loginThenWhoami(String base) throws Exception {
		// unsafe: keep cookies of an IP-address host such as 127.0.0.1 (aiohttp's default jar ignores them)
		try (ClientSession session = ClientSession.builder().cookieJar(CookieJar.unsafe()).build()) {
			return Async.run(() -> {
				try (ClientResponse login = Async.await(session.get(base + "/login"))) {
					login.raiseForStatus();             // its Set-Cookie is in the jar now
				}
				try (ClientResponse me = Async.await(session.get(base + "/whoami"))) {
					return Async.await(me.text());     // sent with "Cookie: sid=..."
				}
			});
		}
	}
	// end::main[]
}
