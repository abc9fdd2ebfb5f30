package io.github.reactorasyncio;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

import io.github.reactorasyncio.internal.Sneaky;
import org.jspecify.annotations.Nullable;

/**
 * The reading end of a byte stream, read from coroutines: Python's {@code asyncio.StreamReader}. A transport (a
 * subprocess's pipe, a TCP connection) feeds it bytes with {@link #feedData(byte[])} and the end with
 * {@link #feedEof()}; coroutines take them with {@link #read(int)}, {@link #readExactly(int)},
 * {@link #readLine()} and {@link #readUntil(byte[])}, which suspend until enough has arrived.
 *
 * <p>Flow control: once more than twice the limit is buffered, the reader asks its {@link FlowControl} to pause
 * reading, and to resume when the buffer is back under the limit, as asyncio's does. The limit also bounds how
 * far {@link #readLine()} and {@link #readUntil(byte[])} look for their separator.
 *
 * <p>Bound to the loop it was created on: call every method on that loop (the read methods from a coroutine,
 * one at a time; the feed methods from a callback, e.g. through {@link EventLoop#callSoon}). Cancelling a
 * coroutine that waits in a read throws the cancellation at the await and leaves the buffered bytes in place.
 */
public final class StreamReader {

	/** The default limit, as asyncio's: 64 KiB. */
	public static final int DEFAULT_LIMIT = 64 * 1024;

	private static final byte[] EMPTY = new byte[0];
	private static final byte[] NEWLINE = {'\n'};

	/** How the reader asks its transport to stop and restart reading: asyncio's {@code pause_reading}. */
	public interface FlowControl {

		/** Called on the loop when more than twice the limit is buffered: stop reading until resumed. */
		void pauseReading();

		/** Called on the loop when the buffer is back under the limit, or a read waits for data. */
		void resumeReading();
	}

	private final int limit;
	private final @Nullable FlowControl flow;
	private byte[] buffer = new byte[256];
	private int size;
	private boolean eof;
	private boolean paused;
	private @Nullable Throwable exception;
	private @Nullable Future<@Nullable Void> waiter;

	private StreamReader(int limit, @Nullable FlowControl flow) {
		this.limit = limit;
		this.flow = flow;
	}

	/**
	 * Returns a reader with the default limit and no flow control, as a test or a hand-written transport uses.
	 *
	 * @return a new reader
	 */
	public static StreamReader create() {
		return new StreamReader(DEFAULT_LIMIT, null);
	}

	/**
	 * Returns a reader for a transport.
	 *
	 * @param limit the buffer limit and the longest a line may be, positive
	 * @param flow how to pause and resume the transport, or {@code null} for none
	 * @return a new reader
	 */
	public static StreamReader create(int limit, @Nullable FlowControl flow) {
		if (limit <= 0) {
			throw new IllegalArgumentException("limit must be positive, was " + limit);
		}
		return new StreamReader(limit, flow);
	}

	/**
	 * Appends bytes that arrived; wakes the read that waits. Call it on the reader's loop.
	 *
	 * @param data the bytes (kept, not copied: do not change them)
	 * @throws IllegalStateException after {@link #feedEof()}
	 */
	public void feedData(byte[] data) {
		Objects.requireNonNull(data, "data");
		if (eof) {
			throw new IllegalStateException("feedData after feedEof: the stream has ended");
		}
		if (data.length == 0) {
			return;
		}
		if (size + data.length > buffer.length) {
			buffer = Arrays.copyOf(buffer, Math.max(size + data.length, buffer.length * 2));
		}
		System.arraycopy(data, 0, buffer, size, data.length);
		size += data.length;
		wakeUp();
		if (flow != null && !paused && size > 2L * limit) {
			paused = true;
			flow.pauseReading();
		}
	}

	/** Marks the end of the stream; reads then return what is buffered, and then nothing. Call it on the loop. */
	public void feedEof() {
		eof = true;
		wakeUp();
	}

	/**
	 * Fails the stream: the waiting read and every later one throw {@code e}, the same instance. Call it on the
	 * loop.
	 *
	 * @param e what the transport failed with
	 */
	public void setException(Throwable e) {
		exception = Objects.requireNonNull(e, "e");
		Future<@Nullable Void> w = waiter;
		if (w != null && !w.isDone()) {
			w.setException(e);
		}
	}

	/** {@return the failure the transport reported, or {@code null}} */
	public @Nullable Throwable exception() {
		return exception;
	}

	/**
	 * Returns whether the stream ended and every byte was read: asyncio's {@code at_eof()}.
	 *
	 * @return whether the stream ended and the buffer is empty
	 */
	public boolean atEof() {
		return eof && size == 0;
	}

	/**
	 * Reads up to {@code n} bytes, suspending until at least one arrives or the stream ends; with {@code n < 0},
	 * reads everything until the end. Python's {@code await reader.read(n)}.
	 *
	 * @param n the most bytes to read, or -1 for all of them until the end
	 * @return the bytes read; empty only at the end of the stream (or for {@code n == 0})
	 * @throws IOException (or any exception, the same instance) what the transport failed with
	 * @throws IllegalStateException outside a coroutine, or if another coroutine waits on this reader
	 */
	public byte[] read(int n) throws IOException {
		throwIfFailed();
		if (n == 0) {
			return EMPTY;
		}
		if (n < 0) {
			while (!eof) {
				waitForData("read");
			}
			return take(size);
		}
		if (size == 0 && !eof) {
			waitForData("read");
		}
		return take(Math.min(n, size));
	}

	/**
	 * Reads exactly {@code n} bytes: Python's {@code await reader.readexactly(n)}.
	 *
	 * @param n how many bytes to read
	 * @return the {@code n} bytes
	 * @throws IncompleteReadException if the stream ends first; its {@code partial()} holds what was read
	 * @throws IOException (or any exception, the same instance) what the transport failed with
	 */
	public byte[] readExactly(int n) throws IOException {
		if (n < 0) {
			throw new IllegalArgumentException("readExactly size can not be less than zero, was " + n);
		}
		throwIfFailed();
		while (size < n) {
			if (eof) {
				throw new IncompleteReadException(take(size), n);
			}
			waitForData("readExactly");
		}
		return take(n);
	}

	/**
	 * Reads a line, up to and including {@code \n}: Python's {@code await reader.readline()}. At the end of
	 * the stream it returns what is left (a last line without {@code \n}), then an empty array.
	 *
	 * @return the line with its {@code \n}; a last line without; empty at the end
	 * @throws LimitOverrunException if no {@code \n} comes within the limit; the overlong line is dropped (up
	 *         to its {@code \n} if buffered, else everything buffered)
	 * @throws IOException (or any exception, the same instance) what the transport failed with
	 */
	public byte[] readLine() throws IOException {
		try {
			return readUntil(NEWLINE);
		}
		catch (IncompleteReadException e) {
			return e.partial();
		}
		catch (LimitOverrunException e) {
			int at = indexOf(NEWLINE, e.consumed());
			take(at >= 0 ? at + 1 : size);
			throw e;
		}
	}

	/**
	 * Reads up to and including {@code separator}: Python's {@code await reader.readuntil(separator)}.
	 *
	 * @param separator what to read up to, not empty
	 * @return the bytes, the separator included
	 * @throws IncompleteReadException if the stream ends first; the buffer is then emptied into its
	 *         {@code partial()}
	 * @throws LimitOverrunException if the separator is not found within the limit; the data stays buffered
	 * @throws IOException (or any exception, the same instance) what the transport failed with
	 */
	public byte[] readUntil(byte[] separator) throws IOException {
		Objects.requireNonNull(separator, "separator");
		if (separator.length == 0) {
			throw new IllegalArgumentException("Separator should be at least one-byte string");
		}
		throwIfFailed();
		int offset = 0;
		for (;;) {
			int at = indexOf(separator, offset);
			if (at >= 0) {
				if (at + separator.length > limit) {
					throw new LimitOverrunException("Separator is found, but chunk is longer than limit (" + limit
							+ " bytes)", at);
				}
				return take(at + separator.length);
			}
			offset = Math.max(0, size + 1 - separator.length);
			if (offset > limit) {
				throw new LimitOverrunException("Separator is not found, and chunk exceed the limit (" + limit
						+ " bytes)", offset);
			}
			if (eof) {
				throw new IncompleteReadException(take(size), -1);
			}
			waitForData("readUntil");
		}
	}

	private int indexOf(byte[] separator, int from) {
		outer:
		for (int i = from; i <= size - separator.length; i++) {
			for (int j = 0; j < separator.length; j++) {
				if (buffer[i + j] != separator[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private byte[] take(int n) {
		if (n == 0) {
			return EMPTY;
		}
		byte[] out = Arrays.copyOf(buffer, n);
		System.arraycopy(buffer, n, buffer, 0, size - n);
		size -= n;
		if (flow != null && paused && size <= limit) {
			paused = false;
			flow.resumeReading();
		}
		return out;
	}

	private void throwIfFailed() {
		Throwable e = exception;
		if (e != null) {
			throw Sneaky.rethrow(e);
		}
	}

	private void waitForData(String method) {
		if (waiter != null) {
			throw new IllegalStateException(method + "() called while another coroutine is already waiting for "
					+ "incoming data on this StreamReader; read from one coroutine at a time.");
		}
		if (flow != null && paused) {
			paused = false;
			flow.resumeReading();
		}
		Future<@Nullable Void> w = Async.currentLoop().createFuture();
		waiter = w;
		try {
			Async.await(w);
		}
		catch (Exception e) {
			throw Sneaky.rethrow(e);
		}
		finally {
			waiter = null;
		}
	}

	private void wakeUp() {
		Future<@Nullable Void> w = waiter;
		if (w != null && !w.isDone()) {
			w.setResult(null);
		}
	}

	@Override
	public String toString() {
		return "StreamReader[" + size + " bytes buffered" + (eof ? ", eof" : "") + (paused ? ", paused" : "")
				+ (exception != null ? ", exception=" + exception : "") + "]";
	}
}
