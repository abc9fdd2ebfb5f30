package io.github.reactorasyncio.http.internal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * A session's own TLS settings: trust material, a client certificate, or trust in anything. Built into a Netty
 * {@link SslContext} when the session is built, so that bad key material fails there rather than at the first
 * https request.
 */
public final class Tls {

	private Tls() {
	}

	/**
	 * {@return the client TLS context}
	 *
	 * @param trustCerts certificates to trust instead of the JDK's default trust store, or empty
	 * @param key the client certificate's private key, or null
	 * @param chain the client certificate chain, the client's own first
	 * @param insecure whether to trust any certificate
	 * @throws IllegalArgumentException if Netty refuses the material
	 */
	public static SslContext context(List<X509Certificate> trustCerts, @Nullable PrivateKey key, List<X509Certificate> chain, boolean insecure) {
		SslContextBuilder b = SslContextBuilder.forClient();
		if (insecure) {
			b.trustManager(InsecureTrustManagerFactory.INSTANCE);
		}
		else if (!trustCerts.isEmpty()) {
			b.trustManager(trustCerts.toArray(X509Certificate[]::new));
		}
		if (key != null) {
			b.keyManager(key, chain.toArray(X509Certificate[]::new));
		}
		try {
			return b.build();
		}
		catch (SSLException | RuntimeException e) {
			throw new IllegalArgumentException("The session's TLS material was refused (" + e.getMessage()
					+ "): check that the client key matches the first certificate of its chain and that the "
					+ "certificates are X.509 ones", e);
		}
	}

	/** Turns off the check that the server's certificate names the host: for {@code insecureTrustAllCertificates}. */
	public static void skipHostnameCheck(SslHandler handler) {
		SSLEngine engine = handler.engine();
		SSLParameters p = engine.getSSLParameters();
		p.setEndpointIdentificationAlgorithm(null);
		engine.setSSLParameters(p);
	}
}
