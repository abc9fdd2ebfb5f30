package io.github.reactorasyncio;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

import io.github.reactorasyncio.internal.Sneaky;
import org.jspecify.annotations.Nullable;

/**
 * The writing end of a byte stream, written from coroutines: Python's {@code asyncio.StreamWriter}.
 * {@link #write(byte[])} queues bytes at once without waiting; {@link #drain()} waits until the transport's
 * buffer is back under its high-water mark, so a writer that drains after each write cannot outrun the peer;
 * {@link #close()} closes once the queued bytes are written, and {@link #waitClosed()} waits for that.

 *
 * {@snippet file="JavadocSnippets.java" region="StreamWriter"}
 *
 * <p>Bound to the loop it was created on; call its methods from coroutines of that loop. Cancelling a coroutine
 * that waits in {@link #drain()} or {@link #waitClosed()} throws the cancellation there; the queued bytes stay
 * queued.
 */
public final class StreamWriter {

	/** What a {@link StreamWriter} writes to: a subprocess's pipe, a TCP connection. */
	public interface Transport {

		/**
		 * Queues bytes to write; never blocks.
		 *
		 * @param data the bytes, not to be changed afterwards
		 */
		void write(byte[] data);

		/**
		 * Returns whether the queued bytes are under the high-water mark.
		 *
		 * @return whether more may be written without draining
		 */
		boolean isWritable();

		/**
		 * Calls {@code callback} once, on any thread, when the transport is writable again, closed or failed.
		 *
		 * @param callback what to call
		 */
		void whenWritable(Runnable callback);

		/**
		 * Returns whether {@link #writeEof()} is supported (TCP's half-close; a pipe's close).
		 *
		 * @return whether {@link #writeEof()} is supported
		 */
		boolean canWriteEof();

		/** Closes the writing side once the queued bytes are written; reading goes on. */
		void writeEof();

		/** Closes the transport once the queued bytes are written. */
		void close();

		/**
		 * Returns whether {@link #close()} was called or the transport failed.
		 *
		 * @return whether the transport is closing or closed
		 */
		boolean isClosing();

		/** {@return a stage that completes when the transport is closed} */
		CompletionStage<@Nullable Void> closed();

		/**
		 * Returns the error that broke the transport (e.g. a broken pipe), or {@code null}.
		 *
		 * @return the error that broke the transport, or {@code null}
		 */
		@Nullable Throwable failure();
	}

	private final Transport transport;

	private StreamWriter(Transport transport) {
		this.transport = transport;
	}

	/**
	 * Returns a writer over a transport.
	 *
	 * @param transport where the bytes go
	 * @return a new writer
	 */
	public static StreamWriter create(Transport transport) {
		return new StreamWriter(Objects.requireNonNull(transport, "transport"));
	}

	/**
	 * Queues bytes to write, without waiting: Python's {@code writer.write(data)}. Follow it with
	 * {@link #drain()}.
	 *
	 * @param data the bytes; copied
	 * @throws IllegalStateException if the writer is closing
	 */
	public void write(byte[] data) {
		Objects.requireNonNull(data, "data");
		if (transport.isClosing()) {
			throw new IllegalStateException("Cannot write to a closing StreamWriter" + (transport.failure() != null
					? " (it failed: " + transport.failure() + ")" : "") + "; open a new stream.");
		}
		if (data.length > 0) {
			transport.write(data.clone());
		}
	}

	/**
	 * Waits until the transport can take more: Python's {@code await writer.drain()}. Returns at once when its
	 * buffer is under the high-water mark.
	 *
	 * @throws IOException (or any exception, the same instance) what broke the transport, e.g. a broken pipe
	 *         when the peer has gone
	 * @throws IllegalStateException outside a coroutine
	 */
	public void drain() throws IOException {
		throwIfFailed();
		if (!transport.isWritable() && !transport.isClosing()) {
			EventLoop loop = Async.currentLoop();
			Future<@Nullable Void> writable = loop.createFuture();
			transport.whenWritable(() -> loop.callSoon(() -> {
				if (!writable.isDone()) {
					writable.setResult(null);
				}
			}));
			try {
				Async.await(writable);
			}
			catch (Exception e) {
				throw Sneaky.rethrow(e);
			}
		}
		throwIfFailed();
	}

	private void throwIfFailed() {
		Throwable e = transport.failure();
		if (e != null) {
			throw Sneaky.rethrow(e);
		}
	}

	/** {@return whether {@link #writeEof()} is supported} */
	public boolean canWriteEof() {
		return transport.canWriteEof();
	}

	/** Closes the writing side after the queued bytes: the peer reads the end of the stream. */
	public void writeEof() {
		transport.writeEof();
	}

	/** Closes the stream once the queued bytes are written; returns at once. Idempotent. */
	public void close() {
		transport.close();
	}

	/**
	 * Returns whether the writer is closing or closed: Python's {@code writer.is_closing()}.
	 *
	 * @return whether the writer is closing or closed
	 */
	public boolean isClosing() {
		return transport.isClosing();
	}

	/**
	 * Waits until the stream is closed: Python's {@code await writer.wait_closed()}.
	 *
	 * @throws Exception what the transport's close failed with, the same instance
	 * @throws IllegalStateException outside a coroutine
	 */
	public void waitClosed() throws Exception {
		Async.await(transport.closed());
	}

	@Override
	public String toString() {
		return "StreamWriter[" + (transport.isClosing() ? "closing" : "open") + ", " + transport + "]";
	}
}
