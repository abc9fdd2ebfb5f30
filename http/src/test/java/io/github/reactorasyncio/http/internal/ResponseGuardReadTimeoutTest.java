package io.github.reactorasyncio.http.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The read timeout that {@link ResponseGuard} keeps per connection (issue 14 §1), on an embedded channel whose
 * clock the test moves: it runs from the end of a request to the end of its response, every read restarts it,
 * it fires {@link ReadTimeoutException} and closes the connection as Reactor Netty's {@code ReadTimeoutHandler}
 * did, never on an idle pooled connection or a WebSocket handshake, and leaves no check pending once the
 * connection has no response to wait for (1,000 requests included).
 */
class ResponseGuardReadTimeoutTest {

	static final Duration TIMEOUT = Duration.ofSeconds(1);
	static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
	static final byte[] CHUNKED_HEAD = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
			.getBytes(StandardCharsets.US_ASCII);

	EmbeddedChannel channel;

	private EmbeddedChannel connection(Duration readTimeout) {
		channel = new EmbeddedChannel();
		channel.freezeTime();
		channel.pipeline().addLast(NettyPipeline.HttpCodec, new HttpClientCodec());
		ResponseGuard.installer(readTimeout).onChannelInit(ConnectionObserver.emptyListener(), channel, null);
		return channel;
	}

	@AfterEach
	void tearDown() {
		if (channel != null) {
			channel.finishAndReleaseAll();
		}
	}

	private void send() {
		channel.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"));
		releaseOutbound();
	}

	private void releaseOutbound() {
		for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
			ReferenceCountUtil.release(o);
		}
	}

	private void receive(byte[] bytes) {
		channel.writeInbound(Unpooled.wrappedBuffer(bytes));
		for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
			ReferenceCountUtil.release(o);
		}
	}

	private void advance(Duration by) {
		channel.advanceTimeBy(by.toNanos(), TimeUnit.NANOSECONDS);
		channel.runScheduledPendingTasks();
	}

	/** @return whether a check is still scheduled */
	private boolean checkPending() {
		return channel.runScheduledPendingTasks() >= 0;
	}

	@Test
	void aSilentServerTimesOutAfterTheReadTimeoutWithReadTimeoutExceptionAndTheConnectionCloses() {
		connection(TIMEOUT);
		send();
		advance(TIMEOUT.minusNanos(1));
		channel.checkException();
		assertThat(channel.isActive()).isTrue();

		advance(Duration.ofNanos(1));
		assertThatThrownBy(channel::checkException).isSameAs(ReadTimeoutException.INSTANCE);
		assertThat(channel.isActive()).isFalse();
	}

	@Test
	void everyReadRestartsTheClockUntilTheResponseEnds() {
		connection(TIMEOUT);
		send();
		advance(Duration.ofMillis(900));
		receive(CHUNKED_HEAD);
		advance(Duration.ofMillis(900));
		receive("3\r\nabc\r\n".getBytes(StandardCharsets.US_ASCII));
		advance(Duration.ofMillis(900));
		channel.checkException();
		assertThat(channel.isActive()).as("never silent for a whole second").isTrue();

		advance(Duration.ofMillis(100));
		assertThatThrownBy(channel::checkException).isSameAs(ReadTimeoutException.INSTANCE);
	}

	@Test
	void theClockStartsWhenTheRequestEndsNotWhileItsBodyIsSent() {
		connection(TIMEOUT);
		channel.writeOutbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/"));
		releaseOutbound();
		advance(Duration.ofSeconds(5)); // a slow upload
		channel.checkException();
		assertThat(checkPending()).isFalse();

		channel.writeOutbound(LastHttpContent.EMPTY_LAST_CONTENT);
		releaseOutbound();
		advance(TIMEOUT);
		assertThatThrownBy(channel::checkException).isSameAs(ReadTimeoutException.INSTANCE);
	}

	@Test
	void anIdlePooledConnectionNeverTimesOutAndKeepsNoCheck() {
		connection(TIMEOUT);
		send();
		receive(OK);
		advance(Duration.ofMinutes(10));
		channel.checkException();
		assertThat(channel.isActive()).isTrue();
		assertThat(checkPending()).as("the check ran once and did not schedule itself again").isFalse();
	}

	@Test
	void aThousandRequestsKeepAtMostOneCheckAndNoneOnceIdle() {
		connection(TIMEOUT);
		for (int i = 0; i < 1_000; i++) {
			send();
			advance(Duration.ofMillis(3));
			receive(OK);
		}
		channel.checkException();
		assertThat(channel.isActive()).isTrue();
		advance(TIMEOUT);
		assertThat(checkPending()).isFalse();
	}

	@Test
	void aWebSocketHandshakeIsNotTimedAsResponseTimeoutDidNotTimeIt() {
		connection(TIMEOUT);
		DefaultFullHttpRequest handshake = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws");
		handshake.headers().set(HttpHeaderNames.UPGRADE, "websocket").set(HttpHeaderNames.CONNECTION, "Upgrade");
		channel.writeOutbound(handshake);
		releaseOutbound();
		advance(Duration.ofMinutes(1));
		channel.checkException();
		assertThat(channel.isActive()).isTrue();
	}

	@Test
	void noReadTimeoutSchedulesNothing() {
		connection(Durations.NEVER);
		send();
		assertThat(checkPending()).isFalse();
		advance(Duration.ofDays(1));
		channel.checkException();
		assertThat(channel.isActive()).isTrue();
	}

	@Test
	void aClosedConnectionCancelsItsCheck() {
		connection(TIMEOUT);
		send();
		assertThat(checkPending()).isTrue();
		channel.close();
		assertThat(checkPending()).isFalse();
	}
}
