package io.github.reactorasyncio.http.internal;

import java.lang.reflect.Method;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelProgressivePromise;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;
import reactor.netty.ChannelPipelineConfigurer;
import reactor.netty.channel.ChannelOperations;

/**
 * Keeps a pooled HTTP/1.1 connection's requests and responses paired, whatever the server sends (issue 11,
 * item 6). Netty's codec would hand an interim {@code 1xx} response to Reactor Netty as the final one, and
 * the real response would then answer the <em>next</em> request on that connection; and bytes a server
 * sends after a response that cannot have a body (a {@code 204} with a body) would be parsed as the start of
 * the next response. This guard, one per connection, sits on both sides of the codec:
 * <ul>
 * <li>after it, it drops interim responses (100, 102, 103, ...; not 101, which switches protocols) with
 *     their empty end, so the request waits for its final response;</li>
 * <li>at the end of a final response, if the server already sent more bytes, or declared a body on a
 *     {@code 204}, the connection is in an unknown state: it is marked not persistent, so Reactor Netty
 *     closes it instead of returning it to the pool (a {@code 304} may declare the length of what it did not
 *     send, so only bytes that actually follow it count);</li>
 * <li>before the codec, bytes that arrive on an idle connection (no request in flight) close it.</li>
 * </ul>
 * A {@code 101} upgrade removes the guard: what follows is no longer HTTP/1.1. It also hands a direct-memory
 * exhaustion on as an ordinary exception ({@link Errors#nonFatal}), which Reactor would rethrow, never ending
 * the request: one met while reading, and one that fails a write below the codec (in the TLS handler or the
 * transport), which also closes the connection.
 *
 * <p>It also keeps the session's read timeout, which Reactor Netty's {@code responseTimeout} kept with a
 * {@code ReadTimeoutHandler} added to the pipeline and removed again for every request, with a task scheduled
 * and cancelled each time (issue 14 §1). Here the clock runs from the end of a request (its last content
 * written) to the end of its response, and every message read restarts it: when the connection stays silent for
 * the timeout, {@code ReadTimeoutException} is fired and the connection closed, as that handler did. One task per
 * connection checks it: scheduled when a request ends and none is pending, it schedules itself again only while a
 * response is awaited, so a busy connection schedules about one task per timeout length rather than one per
 * request. A WebSocket handshake (a request with {@code Upgrade}) is not timed, as {@code responseTimeout} did not
 * time it.
 */
public final class ResponseGuard {

	static final String BEFORE = "reactor-asyncio.idleBytes";
	static final String AFTER = "reactor-asyncio.responseGuard";

	private static final @Nullable Method INBOUND_HANDLER = method("io.netty.channel.CombinedChannelDuplexHandler",
			"inboundHandler");
	private static final @Nullable Method ACTUAL_READABLE = method("io.netty.handler.codec.ByteToMessageDecoder",
			"actualReadableBytes");

	/** Whether a request was written whose final response has not ended. Touched on the channel's loop only. */
	private boolean inFlight;
	private boolean skippingInterim;

	private ResponseGuard() {
	}

	/**
	 * Returns a Reactor Netty {@code doOnChannelInit} callback that installs a guard around the HTTP/1.1 codec.
	 *
	 * @param readTimeout the longest a connection may stay silent while a response is awaited;
	 *        {@link Durations#NEVER} for no limit
	 */
	public static ChannelPipelineConfigurer installer(Duration readTimeout) {
		long nanos = Durations.isNever(readTimeout) ? Long.MAX_VALUE : readTimeout.toNanos();
		return (observer, channel, remote) -> install(observer, channel, remote, nanos);
	}

	private static void install(ConnectionObserver observer, Channel channel, @Nullable SocketAddress remote,
			long readTimeoutNanos) {
		ChannelPipeline p = channel.pipeline();
		if (p.get(NettyPipeline.HttpCodec) == null) {
			return; // not HTTP/1.1 (e.g. h2): nothing to pair
		}
		ResponseGuard guard = new ResponseGuard();
		p.addBefore(NettyPipeline.HttpCodec, BEFORE, guard.new IdleBytes());
		p.addAfter(NettyPipeline.HttpCodec, AFTER, guard.new Messages(readTimeoutNanos));
	}

	private static void remove(ChannelPipeline p) {
		if (p.get(BEFORE) != null) {
			p.remove(BEFORE);
		}
		if (p.get(AFTER) != null) {
			p.remove(AFTER);
		}
	}

	/** Raw bytes, before the codec. */
	private final class IdleBytes extends ChannelInboundHandlerAdapter {
		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (!inFlight && msg instanceof ByteBuf buf && buf.isReadable()) {
				// nobody asked: whatever this is, the next response on this connection could not be trusted
				ReferenceCountUtil.release(msg);
				ctx.close();
				return;
			}
			ctx.fireChannelRead(msg);
		}
	}

	/** Decoded messages, after the codec; and the read timeout. */
	private final class Messages extends ChannelDuplexHandler implements Runnable {

		private final long readTimeoutNanos;
		private boolean declaredBody;
		private @Nullable ChannelHandlerContext context;
		// the read timeout: whether the request in flight was sent whole and is not a WebSocket handshake, when the
		// connection last read (or the request ended), and the pending check
		private boolean timed;
		private boolean upgrade;
		private long lastRead;
		private @Nullable ScheduledFuture<?> readCheck;

		Messages(long readTimeoutNanos) {
			this.readTimeoutNanos = readTimeoutNanos;
		}

		@Override
		public void handlerAdded(ChannelHandlerContext ctx) {
			context = ctx;
		}

		@Override
		public void handlerRemoved(ChannelHandlerContext ctx) {
			stopReadCheck();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			stopReadCheck();
			ctx.fireChannelInactive();
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			if (msg instanceof HttpRequest request) {
				inFlight = true;
				timed = false;
				// Reactor Netty's responseTimeout never timed a WebSocket handshake either
				upgrade = request.headers().contains(HttpHeaderNames.UPGRADE);
			}
			ctx.write(msg, nonFatal(ctx, promise));
			if (msg instanceof LastHttpContent && inFlight && !upgrade && readTimeoutNanos != Long.MAX_VALUE) {
				timed = true;
				lastRead = ctx.executor().ticker().nanoTime();
				if (readCheck == null) {
					readCheck = ctx.executor().schedule(this, readTimeoutNanos, TimeUnit.NANOSECONDS);
				}
			}
		}

		/**
		 * The promise to write with below the codec: fails {@code promise} with {@link Errors#nonFatal} of its
		 * error. Direct memory running out in Netty's TLS handler or in the transport's copy to direct memory fails
		 * the write with the JVM's error itself, which Reactor Netty's listener would rethrow instead of passing on:
		 * the request never ended, or its connection was never released. Such a write may have lost bytes of the
		 * stream (over TLS, a record already counted by the TLS session), so the connection is closed, never
		 * pooled.
		 */
		private static ChannelPromise nonFatal(ChannelHandlerContext ctx, ChannelPromise promise) {
			if (promise.isVoid() || promise instanceof ChannelProgressivePromise) {
				return promise; // nobody listens to a void one; a progressive one keeps its progress events
			}
			ChannelPromise below = ctx.newPromise();
			below.addListener((ChannelFutureListener) f -> {
				if (f.isSuccess()) {
					promise.trySuccess();
				}
				else if (f.isCancelled()) {
					promise.cancel(false);
				}
				else {
					Throwable e = Errors.nonFatal(f.cause());
					promise.tryFailure(e);
					if (e != f.cause()) {
						ChannelOperations<?, ?> ops = ChannelOperations.get(ctx.channel());
						if (ops != null) {
							ops.markPersistent(false);
						}
						ctx.close();
					}
				}
			});
			return below;
		}

		/** The pending read check: times out a silent connection, or checks again when it may. */
		@Override
		public void run() {
			readCheck = null;
			ChannelHandlerContext ctx = context;
			if (ctx == null || !timed || !inFlight || !ctx.channel().isActive()) {
				return; // no response awaited: the next request schedules a check
			}
			long silent = ctx.executor().ticker().nanoTime() - lastRead;
			if (silent < readTimeoutNanos) {
				readCheck = ctx.executor().schedule(this, readTimeoutNanos - silent, TimeUnit.NANOSECONDS);
				return;
			}
			// as Netty's ReadTimeoutHandler, which Reactor Netty's responseTimeout used
			timed = false;
			ctx.fireExceptionCaught(ReadTimeoutException.INSTANCE);
			ctx.close();
		}

		private void stopReadCheck() {
			timed = false;
			ScheduledFuture<?> check = readCheck;
			if (check != null) {
				readCheck = null;
				check.cancel(false);
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			Throwable e = Errors.nonFatal(cause);
			if (e != cause) {
				// a buffer for what the server sent could not be allocated: the response is lost, the connection too
				inFlight = false;
				ChannelOperations<?, ?> ops = ChannelOperations.get(ctx.channel());
				if (ops != null) {
					ops.markPersistent(false);
				}
			}
			ctx.fireExceptionCaught(e);
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (timed) {
				lastRead = ctx.executor().ticker().nanoTime();
			}
			if (msg instanceof HttpObject o && o.decoderResult().isFailure()
					&& !(o.decoderResult().cause() instanceof MalformedHttp)) {
				// say what the peer did, for Errors; the codec cannot recover, so never pool this connection
				inFlight = false;
				o.setDecoderResult(DecoderResult.failure(new MalformedHttp(o.decoderResult().cause(),
						!(msg instanceof HttpResponse))));
				ChannelOperations<?, ?> ops = ChannelOperations.get(ctx.channel());
				if (ops != null) {
					ops.markPersistent(false);
				}
				ctx.fireChannelRead(msg);
				return;
			}
			if (msg instanceof HttpResponse response) {
				int code = response.status().code();
				if (code == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
					remove(ctx.pipeline());
					ctx.fireChannelRead(msg);
					return;
				}
				if (code >= 100 && code < 200) {
					skippingInterim = true;
					ReferenceCountUtil.release(msg);
					return;
				}
				// RFC 9110 8.6 / 9112 6.1: a 204 must not declare a body; a 304 may send the Content-Length of
				// the representation, so only the bytes that actually follow it (leftover) count there
				declaredBody = code == 204 && (HttpUtil.isTransferEncodingChunked(response)
						|| nonZero(response.headers().get(HttpHeaderNames.CONTENT_LENGTH)));
			}
			if (msg instanceof LastHttpContent) {
				if (skippingInterim) {
					skippingInterim = false;
					ReferenceCountUtil.release(msg);
					return;
				}
				inFlight = false;
				timed = false;
				if (declaredBody || leftover(ctx) > 0) {
					ChannelOperations<?, ?> ops = ChannelOperations.get(ctx.channel());
					if (ops != null) {
						ops.markPersistent(false);
					}
					else {
						ctx.close();
					}
				}
			}
			ctx.fireChannelRead(msg);
		}
	}

	private static boolean nonZero(@Nullable String contentLength) {
		return contentLength != null && !contentLength.trim().equals("0");
	}

	/** Bytes the codec holds beyond the message it just decoded, or 0 if that cannot be known. */
	private static int leftover(ChannelHandlerContext ctx) {
		ChannelHandler codec = ctx.pipeline().get(NettyPipeline.HttpCodec);
		if (codec == null || INBOUND_HANDLER == null || ACTUAL_READABLE == null) {
			return 0;
		}
		try {
			Object decoder = INBOUND_HANDLER.invoke(codec);
			return (Integer) ACTUAL_READABLE.invoke(decoder);
		}
		catch (ReflectiveOperationException | RuntimeException e) {
			return 0;
		}
	}

	private static @Nullable Method method(String className, String name) {
		try {
			Method m = Class.forName(className).getDeclaredMethod(name);
			m.setAccessible(true);
			return m;
		}
		catch (ReflectiveOperationException | RuntimeException e) {
			// without it, only a body declared on a bodiless status and late idle bytes are caught
			return null;
		}
	}

	/**
	 * The codec could not parse what the server sent; carries the codec's error as its cause and whether it
	 * broke in the body's framing (a chunk) rather than in the status line or headers.
	 */
	static final class MalformedHttp extends RuntimeException {

		private static final long serialVersionUID = 1L;

		final boolean inBody;

		MalformedHttp(Throwable cause, boolean inBody) {
			super(String.valueOf(cause.getMessage()), cause, false, false);
			this.inBody = inBody;
		}
	}
}
