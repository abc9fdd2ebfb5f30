package io.github.reactorasyncio.http.internal;

import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

import io.github.reactorasyncio.http.ClientConnectionException;
import io.github.reactorasyncio.http.ClientPayloadException;
import io.github.reactorasyncio.http.ClientTimeoutException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import org.junit.jupiter.api.Test;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;

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

	/*
	 * A buffer for what the server sends cannot be allocated: Netty's read loop fires the error down the pipeline,
	 * where Reactor Netty would hand it to Reactor, which rethrows a JVM error instead of signalling it, and the
	 * request would never end. The guard after the codec turns it into an ordinary exception that map() types.
	 * (HostilePeerTest runs the write side against a real server; no loopback peer can make a read allocation
	 * fail without exhausting memory for real.)
	 */
	@Test
	void directMemoryRunningOutWhileReadingIsHandedOnAsAnOrdinaryExceptionThatMapsToAPayloadError() {
		EmbeddedChannel channel = new EmbeddedChannel();
		channel.pipeline().addLast(NettyPipeline.HttpCodec, new HttpClientCodec());
		ResponseGuard.installer(Durations.NEVER).onChannelInit(ConnectionObserver.emptyListener(), channel, null);
		OutOfMemoryError oom = new OutOfMemoryError("Direct buffer memory");
		channel.pipeline().fireExceptionCaught(oom);
		Throwable reached = null;
		try {
			channel.checkException();
		}
		catch (Throwable e) {
			reached = e;
		}
		assertThat(reached).isInstanceOf(RuntimeException.class).hasCause(oom);
		assertThat(map(reached)).isInstanceOf(ClientPayloadException.class).hasCause(oom)
				.hasMessageContaining("direct memory ran out").hasMessageContaining("GET " + URL);
		channel.finishAndReleaseAll();

		// a heap exhaustion is not the library's to type: it stays the JVM's error
		OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
		assertThat(Errors.nonFatal(heap)).isSameAs(heap);
		assertThat(map(heap)).isSameAs(heap);
	}

	@Test
	void otherErrorsPassThroughUnchanged() {
		IllegalArgumentException e = new IllegalArgumentException("not a network failure");
		assertThat(map(e)).isSameAs(e);
	}
}
