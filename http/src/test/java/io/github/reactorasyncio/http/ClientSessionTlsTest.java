package io.github.reactorasyncio.http;

import java.security.KeyStore;
import java.time.Duration;

import io.github.reactorasyncio.Async;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.tcp.SslProvider;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS options of the session against Reactor Netty HTTPS servers on 127.0.0.1 with self-signed certificates
 * made in the test. aiohttp's behaviour followed:
 *
 * <pre>
 * await s.get(url)                                          # ClientConnectorCertificateError (an SSL error)
 * await s.get(url, ssl=ssl.create_default_context(cafile=cert))   # 200
 * await s.get(url, ssl=False)                                # 200
 * ctx.load_cert_chain(client_cert, client_key)               # mutual TLS: 200, and the server saw the cert
 * </pre>
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(60)
class ClientSessionTlsTest {

	static SelfSigned serverCert;
	static SelfSigned clientCert;
	static SelfSigned otherCert;
	static DisposableServer https;
	static DisposableServer mutual;
	static SelfSigned wrongNameCert;
	static DisposableServer wrongName;

	@BeforeAll
	static void start() throws Exception {
		serverCert = SelfSigned.generate("server");
		clientCert = SelfSigned.generate("client");
		otherCert = SelfSigned.generate("other");
		wrongNameCert = SelfSigned.generate("wrong", "dns:wrong.example");
		wrongName = HttpServer.create().host("127.0.0.1").port(0)
				.secure(spec -> spec.sslContext((SslProvider.GenericSslContextSpec<?>) Http11SslContextSpec.forServer(wrongNameCert.key(), wrongNameCert.certificate())))
				.handle((req, res) -> res.sendString(Mono.just("secret")))
				.bindNow();
		https = HttpServer.create().host("127.0.0.1").port(0)
				.secure(spec -> spec.sslContext((SslProvider.GenericSslContextSpec<?>) Http11SslContextSpec.forServer(serverCert.key(), serverCert.certificate())))
				.handle((req, res) -> res.sendString(Mono.just("secret")))
				.bindNow();
		mutual = HttpServer.create().host("127.0.0.1").port(0)
				.secure(spec -> spec.sslContext((SslProvider.GenericSslContextSpec<?>) Http11SslContextSpec.forServer(serverCert.key(), serverCert.certificate())
						.configure(b -> b.clientAuth(ClientAuth.REQUIRE).trustManager(clientCert.certificate()))))
				.handle((req, res) -> res.withConnection(conn -> {
					SslHandler ssl = conn.channel().pipeline().get(SslHandler.class);
					String peer;
					try {
						peer = ((java.security.cert.X509Certificate) ssl.engine().getSession().getPeerCertificates()[0])
								.getSubjectX500Principal().getName();
					}
					catch (javax.net.ssl.SSLPeerUnverifiedException e) {
						peer = "none";
					}
					res.header("X-Peer", peer);
				}).sendString(Mono.just("mutual")))
				.bindNow();
	}

	@AfterAll
	static void stop() {
		if (https != null) {
			https.disposeNow();
		}
		if (mutual != null) {
			mutual.disposeNow();
		}
		if (wrongName != null) {
			wrongName.disposeNow();
		}
	}

	static String url(DisposableServer s) {
		return "https://127.0.0.1:" + s.port() + "/";
	}

	static String get(ClientSession session, String url) throws Exception {
		return Async.run(() -> {
			try (ClientResponse r = Async.await(session.get(url))) {
				return r.status() + " " + Async.await(r.text());
			}
		});
	}

	@Test
	void theDefaultTrustRejectsASelfSignedCertificate() {
		try (ClientSession session = ClientSession.builder().connectTimeout(Duration.ofSeconds(20)).build()) {
			assertThatThrownBy(() -> get(session, url(https))).isInstanceOf(ClientSslException.class)
					.hasMessageContaining("TLS");
		}
	}

	@Test
	void trustedCertificatesAreAccepted() throws Exception {
		try (ClientSession session = ClientSession.builder().trustCertificates(serverCert.certificate()).build()) {
			assertThat(get(session, url(https))).isEqualTo("200 secret");
		}
	}

	@Test
	void aTrustStoreIsAccepted() throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setCertificateEntry("server", serverCert.certificate());
		try (ClientSession session = ClientSession.builder().trustStore(store).build()) {
			assertThat(get(session, url(https))).isEqualTo("200 secret");
		}
	}

	@Test
	void trustingAnotherCertificateReplacesTheDefaultAndStillRejects() {
		try (ClientSession session = ClientSession.builder().trustCertificates(otherCert.certificate()).build()) {
			assertThatThrownBy(() -> get(session, url(https))).isInstanceOf(ClientSslException.class);
		}
	}

	@Test
	void insecureTrustsAnyCertificateAndAnyHostName() throws Exception {
		try (ClientSession session = ClientSession.builder().insecureTrustAllCertificates().build()) {
			assertThat(get(session, url(https))).isEqualTo("200 secret");
			// a certificate for wrong.example served at 127.0.0.1: only the insecure session accepts it
			assertThat(get(session, url(wrongName))).isEqualTo("200 secret");
		}
		try (ClientSession session = ClientSession.builder().trustCertificates(wrongNameCert.certificate()).build()) {
			assertThatThrownBy(() -> get(session, url(wrongName))).isInstanceOf(ClientSslException.class);
		}
	}

	@Test
	void insecureAndTrustedCertificatesContradictEachOther() {
		assertThatThrownBy(() -> ClientSession.builder().insecureTrustAllCertificates()
				.trustCertificates(serverCert.certificate()).build())
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("insecureTrustAllCertificates()");
	}

	@Test
	void aClientCertificateIsSentForMutualTls() throws Exception {
		try (ClientSession session = ClientSession.builder().trustCertificates(serverCert.certificate())
				.clientCertificate(clientCert.key(), clientCert.certificate()).build()) {
			String peer = Async.run(() -> {
				try (ClientResponse r = Async.await(session.get(url(mutual)))) {
					return r.headers().get("X-Peer") + " " + Async.await(r.text());
				}
			});
			assertThat(peer).isEqualTo("CN=client mutual");
		}
	}

	@Test
	void withoutAClientCertificateTheMutualServerRefuses() {
		try (ClientSession session = ClientSession.builder().trustCertificates(serverCert.certificate())
				.totalTimeout(Duration.ofSeconds(20)).build()) {
			assertThatThrownBy(() -> get(session, url(mutual))).isInstanceOf(ClientConnectionException.class);
		}
	}


	@Test
	void anHttpsRequestTunnelsThroughTheHttpsProxyOfTheEnvironment() throws Exception {
		try (ConnectProxy proxy = new ConnectProxy();
				ClientSession session = ClientSession.builder().trustCertificates(serverCert.certificate()).trustEnv(true)
						.environment(java.util.Map.of("HTTPS_PROXY", proxy.url())).build()) {
			assertThat(get(session, url(https))).isEqualTo("200 secret");
			assertThat(proxy.connects).containsExactly("CONNECT 127.0.0.1:" + https.port() + " HTTP/1.1");
		}
	}
}
