package io.github.reactorasyncio.http;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

import io.github.reactorasyncio.Async;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.cookie.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CookieJar} with aiohttp's semantics, against a real server that sets cookies and echoes the
 * {@code Cookie} header it receives. The expected outcomes are aiohttp's CookieJar rules (RFC 6265); aiohttp is
 * not installed here, so they follow its documentation and source ({@code aiohttp/cookiejar.py}).
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(30)
class CookieJarTest {

	@RegisterExtension
	final TestServer server = TestServer.routing(r -> r
						.get("/login", (req, res) -> res
								.addHeader(HttpHeaderNames.SET_COOKIE, "sid=abc; Path=/")
								.addHeader(HttpHeaderNames.SET_COOKIE, "admin=1; Path=/admin")
								.addHeader(HttpHeaderNames.SET_COOKIE, "short=1; Max-Age=60")
								.addHeader(HttpHeaderNames.SET_COOKIE, "secret=1; Secure")
								.sendString(Mono.just("ok")))
						.get("/logout", (req, res) -> res
								.addHeader(HttpHeaderNames.SET_COOKIE, "sid=; Max-Age=0; Path=/")
								.addHeader(HttpHeaderNames.SET_COOKIE,
										"admin=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/admin")
								.sendString(Mono.just("bye")))
						.get("/redirect", (req, res) -> res.status(302)
								.addHeader(HttpHeaderNames.SET_COOKIE, "hop=1; Path=/")
								.header(HttpHeaderNames.LOCATION, "/admin/echo").send())
						.get("/other-domain", (req, res) -> res
								.addHeader(HttpHeaderNames.SET_COOKIE, "evil=1; Domain=example.com")
								.sendString(Mono.just("ok")))
						.get("/**", (req, res) -> res.sendString(Mono.just(
								String.valueOf(req.requestHeaders().get(HttpHeaderNames.COOKIE))))));
	private String base;

	@BeforeEach
	void start() {
		base = server.url("");
	}

	private static String get(ClientSession session, String url) throws Exception {
		return Async.run(() -> {
			try (ClientResponse r = Async.await(session.get(url))) {
				return Async.await(r.text());
			}
		});
	}

	@Test
	void cookiesAreSentByPathAndSecureOnlyOverHttps() throws Exception {
		try (ClientSession session = ClientSession.builder().cookieJar(CookieJar.unsafe()).build()) {
			assertThat(get(session, base + "/echo")).isEqualTo("null");
			get(session, base + "/login");
			// the default path of "short" and "secret" is "/" (the directory of /login); longer paths first
			assertThat(get(session, base + "/echo")).isEqualTo("sid=abc; short=1");
			assertThat(get(session, base + "/admin/x")).isEqualTo("admin=1; sid=abc; short=1");
			// "/adminx" is not below "/admin"
			assertThat(get(session, base + "/adminx")).isEqualTo("sid=abc; short=1");
			assertThat(session.cookieJar().filterCookies("https://127.0.0.1/").stream().map(Cookie::name))
					.containsExactly("sid", "short", "secret");
		}
	}

	@Test
	void maxAgeZeroAndPastExpiresDelete() throws Exception {
		try (ClientSession session = ClientSession.builder().cookieJar(CookieJar.unsafe()).build()) {
			get(session, base + "/login");
			get(session, base + "/logout");
			assertThat(get(session, base + "/admin/x")).isEqualTo("short=1");
			assertThat(session.cookieJar().size()).isEqualTo(2);
		}
	}

	@Test
	void maxAgeExpiresOnTheJarsClock() throws Exception {
		AtomicLong now = new AtomicLong(1_000_000);
		InstantSource clock = () -> Instant.ofEpochMilli(now.get());
		CookieJar jar = CookieJar.builder().unsafe(true).clock(clock).build();
		try (ClientSession session = ClientSession.builder().cookieJar(jar).build()) {
			get(session, base + "/login");
			now.addAndGet(59_999);
			assertThat(get(session, base + "/echo")).isEqualTo("sid=abc; short=1");
			now.addAndGet(1);
			assertThat(get(session, base + "/echo")).isEqualTo("sid=abc");
		}
	}

	@Test
	void redirectsStoreAndSendCookies() throws Exception {
		try (ClientSession session = ClientSession.builder().cookieJar(CookieJar.unsafe()).build()) {
			get(session, base + "/login");
			// the 302's cookie reaches the redirected request, which gets /admin's cookies, not /redirect's
			assertThat(get(session, base + "/redirect")).isEqualTo("admin=1; sid=abc; short=1; hop=1");
			assertThat(session.cookieJar().filterCookies(base + "/").stream().map(Cookie::name)).contains("hop");
		}
	}

	@Test
	void aUsersOwnCookieHeaderIsKeptWithTheJars() throws Exception {
		try (ClientSession session = ClientSession.builder().cookieJar(CookieJar.unsafe()).build()) {
			get(session, base + "/login");
			String seen = Async.run(() -> {
				try (ClientResponse r = Async.await(session.get(base + "/echo",
						RequestOptions.builder().header("Cookie", "mine=2").build()))) {
					return Async.await(r.text());
				}
			});
			assertThat(seen).isEqualTo("mine=2; sid=abc; short=1");
		}
	}

	@Test
	void aCookieForAnotherDomainIsRefused() throws Exception {
		try (ClientSession session = ClientSession.builder().cookieJar(CookieJar.unsafe()).build()) {
			get(session, base + "/other-domain");
			assertThat(session.cookieJar().size()).isZero();
		}
	}

	@Test
	void theDefaultJarIgnoresIpHostsAsAiohttps() throws Exception {
		try (ClientSession session = ClientSession.create()) {
			get(session, base + "/login");
			assertThat(session.cookieJar().size()).isZero();
			assertThat(get(session, base + "/echo")).isEqualTo("null");
		}
	}

	@Test
	void aDummyJarKeepsNothing() throws Exception {
		try (ClientSession session = ClientSession.builder().cookieJar(CookieJar.dummy()).build()) {
			get(session, base + "/login");
			assertThat(session.cookieJar().isDummy()).isTrue();
			assertThat(session.cookieJar().cookies()).isEmpty();
			assertThat(get(session, base + "/echo")).isEqualTo("null");
		}
	}

	@Test
	void aSharedJarServesTwoSessions() throws Exception {
		CookieJar jar = CookieJar.unsafe();
		try (ClientSession a = ClientSession.builder().cookieJar(jar).build();
				ClientSession b = ClientSession.builder().cookieJar(jar).build()) {
			get(a, base + "/login");
			assertThat(get(b, base + "/echo")).isEqualTo("sid=abc; short=1");
		}
	}

	@Test
	void hostOnlyAndDomainCookies() {
		CookieJar jar = CookieJar.create();
		jar.updateCookies("http://www.example.com/a/b", "host=1");
		jar.updateCookies("http://www.example.com/", "dom=1; Domain=.example.com");
		jar.updateCookies("http://www.example.com/", "bad=1; Domain=other.com");
		assertThat(jar.filterCookies("http://www.example.com/a/c").stream().map(Cookie::name))
				.containsExactly("host", "dom");
		// host-only: not sent to a subdomain or the parent; the domain cookie is
		assertThat(jar.filterCookies("http://sub.www.example.com/a/").stream().map(Cookie::name))
				.containsExactly("dom");
		assertThat(jar.filterCookies("http://example.com/a/").stream().map(Cookie::name)).containsExactly("dom");
		assertThat(jar.filterCookies("http://notexample.com/a/")).isEmpty();
		// default path of /a/b is /a
		assertThat(jar.filterCookies("http://www.example.com/").stream().map(Cookie::name)).containsExactly("dom");
		jar.clearDomain("example.com");
		assertThat(jar.cookies()).isEmpty();
	}

	@Test
	void aNewValueReplacesTheOldInPlace() {
		CookieJar jar = CookieJar.create();
		jar.updateCookies("http://example.com/", "a=1");
		jar.updateCookies("http://example.com/", "b=1");
		jar.updateCookies("http://example.com/", "a=2");
		assertThat(jar.filterCookies("http://example.com/").stream().map(c -> c.name() + "=" + c.value()))
				.containsExactly("a=2", "b=1");
		jar.clear(c -> c.name().equals("a"));
		assertThat(jar.size()).isEqualTo(1);
		jar.clear();
		assertThat(jar.size()).isZero();
	}
}
