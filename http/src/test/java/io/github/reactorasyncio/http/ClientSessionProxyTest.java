package io.github.reactorasyncio.http;

import java.util.Base64;
import java.util.Map;

import io.github.reactorasyncio.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proxies from the builder and, with {@code trustEnv}, from HTTP_PROXY/HTTPS_PROXY/NO_PROXY, against a tiny
 * CONNECT proxy on 127.0.0.1. aiohttp's behaviour followed:
 *
 * <pre>
 * await s.get(url, proxy="http://user:pass@127.0.0.1:3128")   # through the proxy, Proxy-Authorization: Basic
 * ClientSession(trust_env=True)                             # HTTP_PROXY used, unless NO_PROXY names the host
 * ClientSession()                                           # the environment is ignored
 * </pre>
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(30)
class ClientSessionProxyTest {

	@RegisterExtension
	static final TestServer server = TestServer.standard();

	static String get(ClientSession session, String url) throws Exception {
		return Async.run(() -> {
			try (ClientResponse r = Async.await(session.get(url))) {
				return Async.await(r.text());
			}
		});
	}

	@Test
	void aProxyFromTheBuilderCarriesTheRequestWithItsCredentials() throws Exception {
		try (ConnectProxy proxy = new ConnectProxy();
				ClientSession session = ClientSession.builder().proxy("http://user:secret@127.0.0.1:" + proxy.port()).build()) {
			assertThat(get(session, server.url("/user"))).isEqualTo(TestServer.USER_JSON);
			assertThat(proxy.connects).singleElement().asString()
					.startsWith("CONNECT " + server.url("/").replace("http://", "").replace("/", ""));
			assertThat(proxy.authorizations).containsExactly(
					"Basic " + Base64.getEncoder().encodeToString("user:secret".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
	}

	@Test
	void trustEnvUsesHttpProxyUnlessNoProxyNamesTheHost() throws Exception {
		try (ConnectProxy proxy = new ConnectProxy()) {
			try (ClientSession session = ClientSession.builder().trustEnv(true)
					.environment(Map.of("HTTP_PROXY", proxy.url())).build()) {
				assertThat(get(session, server.url("/user"))).isEqualTo(TestServer.USER_JSON);
			}
			assertThat(proxy.connects).hasSize(1);
			try (ClientSession session = ClientSession.builder().trustEnv(true)
					.environment(Map.of("http_proxy", proxy.url(), "NO_PROXY", "example.com, 127.0.0.1")).build()) {
				assertThat(get(session, server.url("/user"))).isEqualTo(TestServer.USER_JSON);
			}
			assertThat(proxy.connects).as("NO_PROXY bypassed it").hasSize(1);
			// HTTPS_PROXY is for https URLs only
			try (ClientSession session = ClientSession.builder().trustEnv(true)
					.environment(Map.of("HTTPS_PROXY", proxy.url())).build()) {
				assertThat(get(session, server.url("/user"))).isEqualTo(TestServer.USER_JSON);
			}
			assertThat(proxy.connects).hasSize(1);
		}
	}

	@Test
	void withoutTrustEnvTheEnvironmentIsIgnored() throws Exception {
		try (ConnectProxy proxy = new ConnectProxy();
				ClientSession session = ClientSession.builder().environment(Map.of("HTTP_PROXY", proxy.url())).build()) {
			assertThat(get(session, server.url("/user"))).isEqualTo(TestServer.USER_JSON);
			assertThat(proxy.connects).isEmpty();
		}
	}

	@Test
	void aProxyThatIsNotAnHttpUrlIsRefusedAtOnce() {
		assertThatThrownBy(() -> ClientSession.builder().proxy("socks5://127.0.0.1:1080"))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
	}
}
