package io.github.reactorasyncio.http.internal;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.github.reactorasyncio.http.WebSocketException;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import org.jspecify.annotations.Nullable;

/**
 * A client {@code WebSocket}'s heartbeat (aiohttp's {@code heartbeat=}): every interval, on the channel's event
 * loop, sends a ping, and if nothing at all came back (a pong or any frame, {@link #frameArrived}) within half
 * the interval, reports the peer as gone; the WebSocket then drops the connection with 1006. Without an
 * interval it does nothing.
 */
public final class WsHeartbeat {

	private final Channel channel;
	private final URI url;
	private final BooleanSupplier open;
	private final Consumer<WebSocketException> missed;
	private volatile long lastFrameNanos = System.nanoTime();
	private final @Nullable ScheduledFuture<?> task;

	/**
	 * Starts the heartbeat, if there is an interval.
	 *
	 * @param channel the WebSocket's channel
	 * @param url the WebSocket's URL, for the message
	 * @param interval between pings, or {@code null} for no heartbeat
	 * @param open whether the WebSocket is still open (no ping is sent, and none is missed, after)
	 * @param missed called on the channel's event loop when a ping went unanswered
	 */
	public WsHeartbeat(Channel channel, URI url, @Nullable Duration interval, BooleanSupplier open,
			Consumer<WebSocketException> missed) {
		this.channel = channel;
		this.url = url;
		this.open = open;
		this.missed = missed;
		if (interval == null) {
			task = null;
			return;
		}
		long period = interval.toNanos();
		task = channel.eventLoop().scheduleAtFixedRate(() -> ping(period / 2), period, period, TimeUnit.NANOSECONDS);
	}

	/** Something came from the peer: it is alive. */
	public void frameArrived() {
		lastFrameNanos = System.nanoTime();
	}

	/** Stops the pings; idempotent. */
	public void cancel() {
		ScheduledFuture<?> t = task;
		if (t != null) {
			t.cancel(false);
		}
	}

	private void ping(long graceNanos) {
		if (!open.getAsBoolean()) {
			return;
		}
		long sent = System.nanoTime();
		channel.writeAndFlush(new PingWebSocketFrame());
		channel.eventLoop().schedule(() -> {
			if (open.getAsBoolean() && lastFrameNanos - sent < 0) {
				missed.accept(new WebSocketException("The server at " + url + " did not answer the heartbeat's ping "
						+ "within " + TimeUnit.NANOSECONDS.toMillis(graceNanos) + " ms, nor sent anything else; the "
						+ "connection was dropped (close code 1006). The server or the network is stalled; receive "
						+ "messages promptly, or lengthen WebSocketOptions.heartbeat.", WsClosing.ABNORMAL, url, null));
			}
		}, graceNanos, TimeUnit.NANOSECONDS);
	}
}
