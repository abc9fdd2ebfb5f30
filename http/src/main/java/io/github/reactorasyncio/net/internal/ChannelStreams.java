package io.github.reactorasyncio.net.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.StreamReader;
import io.github.reactorasyncio.StreamWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.DuplexChannel;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;

/**
 * Connects a Reactor Netty {@link Connection} to a {@link StreamReader} and a {@link StreamWriter} bound to a
 * loop. Reading: the bytes are fed to the reader on its loop; while the reader has paused, Netty's auto-read is
 * off, so nothing more is read from the socket and TCP's window pushes back on the peer. Reactor Netty's own
 * inbound is bypassed, because it does not report a half-closed input. Writing: bytes go to the channel at once; the writer is writable while Netty's
 * outbound buffer is under its high-water mark.
 */
public final class ChannelStreams {

	private static final String NAME = "reactor-asyncio-stream-reader";

	private ChannelStreams() {
	}

	/** The reader and writer of one connection. */
	public record Pair(StreamReader reader, StreamWriter writer, Channel channel, Inbound inbound) {
	}

	/** Turns auto-read on (again), on the channel's thread: Reactor Netty turns it off as it binds a connection. */
	public static void startReading(Pair pair) {
		pair.channel().eventLoop().execute(pair.inbound()::startReading);
	}

	/** Wires {@code connection} to a new reader and writer on {@code loop}; call it once per connection. */
	public static Pair attach(Connection connection, EventLoop loop, int limit) {
		return attach(connection.channel(), loop, limit);
	}

	/**
	 * Wires a channel to a new reader and writer on {@code loop}, as it is initialized or later; call it once
	 * per channel, on its thread.
	 */
	public static Pair attach(Channel channel, EventLoop loop, int limit) {
		Outbound outbound = new Outbound(channel);
		Inbound inbound = new Inbound(loop, channel, outbound);
		StreamReader reader = StreamReader.create(limit, inbound);
		inbound.reader = reader;
		// before Reactor Netty's bridge, which never sees the bytes: they go to the reader, in order with the end
		if (channel.pipeline().get(NettyPipeline.ReactiveBridge) != null) {
			channel.pipeline().addBefore(NettyPipeline.ReactiveBridge, NAME, inbound);
		}
		else {
			channel.pipeline().addLast(NAME, inbound);
		}
		if (channel.eventLoop().inEventLoop()) {
			inbound.startReading();
		}
		else {
			channel.eventLoop().execute(inbound::startReading);
		}
		return new Pair(reader, StreamWriter.create(outbound), channel, inbound);
	}

	/**
	 * Feeds the reader from the channel's event loop: each buffer is copied and released, the end of input
	 * (a FIN, kept open for writing by half-closure, or the connection's close) is fed once, after the bytes
	 * before it, since both go through the loop's FIFO queue. Pausing turns Netty's auto-read off.
	 */
	public static final class Inbound extends ChannelInboundHandlerAdapter implements StreamReader.FlowControl {

		private final EventLoop loop;
		private final Channel channel;
		private final Outbound outbound;
		@Nullable StreamReader reader;
		/** Written on the channel's thread: the input ended, so reading must not be touched again. */
		private volatile boolean ended;

		Inbound(EventLoop loop, Channel channel, Outbound outbound) {
			this.loop = loop;
			this.channel = channel;
			this.outbound = outbound;
		}

		@Override
		public void channelWritabilityChanged(ChannelHandlerContext ctx) {
			// a write's promise completes before the buffer shrinks, so only this event says "writable again"
			if (ctx.channel().isWritable()) {
				outbound.fire();
			}
			ctx.fireChannelWritabilityChanged();
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (!(msg instanceof ByteBuf buf)) {
				ctx.fireChannelRead(msg);
				return;
			}
			byte[] bytes;
			try {
				bytes = ByteBufUtil.getBytes(buf);
			}
			finally {
				buf.release();
			}
			if (!ended && bytes.length > 0) {
				post(() -> reader().feedData(bytes));
			}
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
			if (event instanceof ChannelInputShutdownEvent) {
				end();
				return;
			}
			if (event instanceof ChannelInputShutdownReadComplete) {
				// kept from Reactor Netty's bridge, which would end the connection while this side still writes
				return;
			}
			ctx.fireUserEventTriggered(event);
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			end();
			ctx.fireChannelInactive();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			if (!ended) {
				ended = true;
				post(() -> reader().setException(cause));
			}
			ctx.fireExceptionCaught(cause);
		}

		private void end() {
			if (!ended) {
				ended = true;
				post(() -> reader().feedEof());
			}
		}

		private StreamReader reader() {
			StreamReader r = reader;
			if (r == null) {
				throw new IllegalStateException("not attached");
			}
			return r;
		}

		private void post(Runnable r) {
			try {
				loop.callSoon(r);
			}
			catch (RuntimeException loopClosed) {
				channel.close();
			}
		}

		@Override
		public void pauseReading() {
			channel.eventLoop().execute(() -> {
				if (!ended) {
					channel.config().setAutoRead(false);
				}
			});
		}

		@Override
		public void resumeReading() {
			channel.eventLoop().execute(this::startReading);
		}

		/**
		 * On the channel's thread. Never after the input ended: epoll then no longer watches the socket for input,
		 * and asking it to fails the connection.
		 */
		void startReading() {
			if (!ended && channel.isActive()) {
				channel.config().setAutoRead(true);
				channel.read();
			}
		}
	}

	private static final class Outbound implements StreamWriter.Transport {

		private final Channel channel;
		private final CompletableFuture<@Nullable Void> closed = new CompletableFuture<>();
		private final List<Runnable> callbacks = new ArrayList<>();
		private volatile boolean closing;
		private volatile @Nullable Throwable failure;

		Outbound(Channel channel) {
			this.channel = channel;
			channel.closeFuture().addListener(f -> {
				closing = true;
				closed.complete(null);
				fire();
			});
		}

		@Override
		public void write(byte[] data) {
			channel.writeAndFlush(Unpooled.wrappedBuffer(data)).addListener(f -> {
				if (!f.isSuccess()) {
					if (failure == null) {
						failure = f.cause();
					}
					fire();
				}
			});
		}

		void fire() {
			List<Runnable> ready;
			synchronized (callbacks) {
				ready = new ArrayList<>(callbacks);
				callbacks.clear();
			}
			ready.forEach(Runnable::run);
		}

		@Override
		public boolean isWritable() {
			return channel.isWritable();
		}

		@Override
		public void whenWritable(Runnable callback) {
			synchronized (callbacks) {
				if (!channel.isWritable() && channel.isActive()) {
					callbacks.add(callback);
					return;
				}
			}
			callback.run();
		}

		@Override
		public boolean canWriteEof() {
			return channel instanceof DuplexChannel;
		}

		@Override
		public void writeEof() {
			if (!(channel instanceof DuplexChannel duplex)) {
				throw new UnsupportedOperationException("This transport cannot half-close; close it instead.");
			}
			// after what was written before it
			channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> duplex.shutdownOutput());
		}

		@Override
		public void close() {
			if (!closing) {
				closing = true;
				channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
			}
		}

		@Override
		public boolean isClosing() {
			return closing;
		}

		@Override
		public CompletionStage<@Nullable Void> closed() {
			return closed;
		}

		@Override
		public @Nullable Throwable failure() {
			return failure;
		}

		@Override
		public String toString() {
			return String.valueOf(channel.remoteAddress());
		}
	}
}
