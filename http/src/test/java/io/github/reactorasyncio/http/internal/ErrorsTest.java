package io.github.reactorasyncio.http.internal;

import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

import io.github.reactorasyncio.http.ClientConnectionException;
import io.github.reactorasyncio.http.ClientTimeoutException;
import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Translations that a loopback server cannot provoke; the others are tested end to end in ClientExceptionTest. */
class ErrorsTest {

	static final URI URL = URI.create("http://no-such-host.invalid/users/1");

	private static Throwable map(Throwable e) {
		return Errors.map(e, "GET", URL, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
	}

	@Test
	void anUnresolvableHostIsAConnectionErrorThatSaysDns() {
		Throwable mapped = map(new RuntimeException(new UnknownHostException("Failed to resolve 'no-such-host.invalid'")));
		assertThat(mapped).isInstanceOf(ClientConnectionException.class)
				.hasMessageContaining("'no-such-host.invalid'").hasMessageContaining("DNS");
	}

	@Test
	void aConnectTimeoutNamesItsLengthAndHost() {
		Throwable mapped = map(new ConnectTimeoutException("connection timed out"));
		assertThat(mapped).isInstanceOfSatisfying(ClientTimeoutException.class, t -> {
			assertThat(t.kind()).isEqualTo(ClientTimeoutException.Kind.CONNECT);
			assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(1));
			assertThat(t.getMessage()).contains("no-such-host.invalid:80", "1000 ms");
		});
	}

	@Test
	void otherErrorsPassThroughUnchanged() {
		IllegalArgumentException e = new IllegalArgumentException("not a network failure");
		assertThat(map(e)).isSameAs(e);
	}
}
