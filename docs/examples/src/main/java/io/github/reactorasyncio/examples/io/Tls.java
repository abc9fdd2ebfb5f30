package io.github.reactorasyncio.examples.io;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import io.github.reactorasyncio.http.ClientSession;

/** TLS: trusting a private CA or a self-signed server, as aiohttp's {@code ssl=} context. */
public final class Tls {

	private Tls() {
	}

	// tag::main[]
	/**
	 * Python: {@code ctx = ssl.create_default_context(cafile=ca_pem)} and
	 * {@code aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=ctx))}.
	 *
	 * @param caPem a PEM file with the certificate to trust (a private CA's, or a self-signed server's)
	 * @return a session that trusts that certificate, and only it, for https
	 * @throws Exception if the file cannot be read or is not a certificate
	 */
	public static ClientSession trusting(Path caPem) throws Exception {
		X509Certificate ca;
		try (InputStream in = Files.newInputStream(caPem)) {
			ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		return ClientSession.builder()
				.trustCertificates(ca)
				// for mutual TLS: .clientCertificate(privateKey, clientCert)
				// for a throwaway local test only, never in production: .insecureTrustAllCertificates()
				.build();
	}
	// end::main[]
}
