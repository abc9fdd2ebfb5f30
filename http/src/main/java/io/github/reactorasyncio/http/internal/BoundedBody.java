package io.github.reactorasyncio.http.internal;

import java.util.Arrays;
import java.util.function.Supplier;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Buffers a body up to a limit: what {@code text()}, {@code read()} and {@code json()} read. Each chunk is
 * copied out of its Netty buffer as it arrives (Reactor Netty releases the buffer after {@code onNext}), so
 * nothing is retained when the limit is hit: the accumulator fails, which cancels the read (and so closes
 * the connection). The limit is counted on what the client sees, after decompression.
 */
public final class BoundedBody {

	private static final byte[] EMPTY = new byte[0];

	private BoundedBody() {
	}

	/**
	 * @param chunks the body's buffers, as Reactor Netty delivers them
	 * @param max the most bytes to accept
	 * @param tooLarge the error to signal when the body is larger
	 * @return a cold Mono of the whole body (an empty array for none), or of {@code tooLarge}'s error
	 */
	public static Mono<byte[]> buffer(Flux<ByteBuf> chunks, long max, Supplier<? extends RuntimeException> tooLarge) {
		return buffer(chunks, max, tooLarge, 0);
	}

	/**
	 * As {@link #buffer(Flux, long, Supplier)}, for a body that declared its length: a body of that length is
	 * copied once into an array of its size (no growing, no final trim).
	 */
	public static Mono<byte[]> buffer(Flux<ByteBuf> chunks, long max, Supplier<? extends RuntimeException> tooLarge,
			int expected) {
		return chunks.collect(() -> new Accumulator(max, tooLarge, expected), Accumulator::add).map(Accumulator::bytes);
	}

	/** A growing byte array that refuses to grow past the limit. */
	static final class Accumulator {

		private final long max;
		private final Supplier<? extends RuntimeException> tooLarge;
		private byte[] bytes = EMPTY;
		private int length;

		Accumulator(long max, Supplier<? extends RuntimeException> tooLarge, int expected) {
			this.max = Math.min(max, Integer.MAX_VALUE - 16);
			this.tooLarge = tooLarge;
			if (expected > 0 && expected <= this.max) {
				this.bytes = new byte[expected];
			}
		}

		void add(ByteBuf chunk) {
			int n = chunk.readableBytes();
			if ((long) length + n > max) {
				throw tooLarge.get();
			}
			if (length + n > bytes.length) {
				bytes = Arrays.copyOf(bytes, (int) Math.min(max, Math.max(length + n, Math.max(256, 2L * bytes.length))));
			}
			chunk.getBytes(chunk.readerIndex(), bytes, length, n);
			length += n;
		}

		byte[] bytes() {
			return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
		}
	}
}
