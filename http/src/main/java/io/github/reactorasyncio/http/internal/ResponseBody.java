package io.github.reactorasyncio.http.internal;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.reactorasyncio.http.BodyTooLargeException;
import io.github.reactorasyncio.http.ClientResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.netty.Connection;
import reactor.util.context.Context;

/**
 * Reads one response body from its connection, once: buffered (bounded by the body limit), streamed, or
 * just its start for an error's excerpt; reads a small body with the headers (prefetch); releases the
 * connection through {@link BodyState} on every way a read can end, and when the total timeout passes
 * with the body unread (expiry). {@code ClientResponse} is its facade; this class knows nothing of JSON or
 * charsets, only bytes, the connection and the request's deadline.
 *
 * <p>Every Mono and Flux here is cold, signals on the connection's Netty event loop (or at once, for a
 * prefetched body), and closes the connection when cancelled: the rest of the body cannot be skipped.
 */
public final class ResponseBody implements BodyState.Release {

	/** A body whose Content-Length is at most this is read before the response is signalled. */
	public static final long PREFETCH_LIMIT = 64 * 1024;
	/** An unread body up to this size is drained on close so the connection goes back to the pool. */
	static final long DRAIN_LIMIT = 64 * 1024;

	private final String method;
	private final URI url;
	private final Connection connection;
	private final Deadline deadline;
	private final long maxBytes;
	private final Function<Throwable, Throwable> mapError;
	private final BodyState state = new BodyState(this);
	/** A small body read together with the headers. */
	private volatile byte @Nullable [] prefetched;
	/** The start of a buffered body kept for an error's excerpt, when asked to. */
	private volatile byte @Nullable [] start;

	/**
	 * @param maxBytes the limit of a buffered read, after decompression
	 * @param mapError turns what Reactor Netty signals into the package's exceptions
	 */
	public ResponseBody(String method, URI url, Connection connection, Deadline deadline, long maxBytes,
			Function<Throwable, Throwable> mapError) {
		this.method = method;
		this.url = url;
		this.connection = connection;
		this.deadline = deadline;
		this.maxBytes = maxBytes;
		this.mapError = mapError;
		deadline.whenPassed(state::expire);
	}

	public ClientResponse.State state() {
		return state.state();
	}

	/** @return the body read with the headers, or null if it was not */
	public byte @Nullable [] prefetched() {
		return prefetched;
	}

	/** @return the start of a body that a buffered read kept with {@code keepStart}, or null */
	public byte @Nullable [] start() {
		return start;
	}

	/**
	 * Reads a body announced with a small length, so that its first read completes at once (a coroutine
	 * that awaits it does not suspend again) and the connection goes back to the pool as soon as possible.
	 * One subscriber to the connection's inbound, instead of a collect, a map and three operators around it
	 * (issue 14 §1).
	 *
	 * @param contentLength the announced length, or -1
	 * @param isHead whether the request was a HEAD (no body, whatever the length says)
	 * @param result what the Mono signals once the body was read
	 * @return a Mono of {@code result} once the body was read (at once if it is not to be prefetched); on a
	 *         failed read the connection is closed and the error signalled
	 */
	public <T> Mono<T> prefetchIfSmall(long contentLength, boolean isHead, T result) {
		if (contentLength < 0 || contentLength > PREFETCH_LIMIT || contentLength > maxBytes || isHead) {
			return Mono.just(result);
		}
		return new Prefetch<>(this, (int) contentLength, result);
	}

	/** The prefetch of a small body: the body's bytes into one array of the announced length. */
	private static final class Prefetch<T> extends Mono<T> {

		private final ResponseBody body;
		private final int length;
		private final T result;

		Prefetch(ResponseBody body, int length, T result) {
			this.body = body;
			this.length = length;
			this.result = result;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			body.connection.inbound().receive().subscribe(new Reader<>(actual, this));
		}
	}

	/**
	 * Reads the body; once it is whole, signals the result in a task of the connection's event loop rather than at
	 * once. The read ends inside Reactor Netty's handling of the last content, before the connection goes back to
	 * the pool; signalled there, the coroutine woken by the response would ask for a connection while its own is
	 * still taken, queue for it, and on a busy core preempt the event loop half way (issue 14 §1: half the
	 * requests were then sent from the pool's queue, with about one context switch and a quarter of the CPU per
	 * request more than from the task; see benchmarks/README). From the task, the connection is back in the pool
	 * (or already handed to a request waiting for it), and the responses of one read from the network are
	 * signalled together, after it.
	 */
	private static final class Reader<T> implements CoreSubscriber<ByteBuf>, Subscription, Runnable {

		private final CoreSubscriber<? super T> actual;
		private final Prefetch<T> prefetch;
		private final BoundedBody.Accumulator bytes;
		private @Nullable Subscription s;
		private boolean done;
		private volatile boolean cancelled;

		Reader(CoreSubscriber<? super T> actual, Prefetch<T> prefetch) {
			this.actual = actual;
			this.prefetch = prefetch;
			ResponseBody b = prefetch.body;
			this.bytes = new BoundedBody.Accumulator(b.maxBytes, b::tooLarge, prefetch.length);
		}

		@Override
		public Context currentContext() {
			return actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription s) {
			if (Operators.validate(this.s, s)) {
				this.s = s;
				actual.onSubscribe(this);
			}
		}

		@Override
		public void onNext(ByteBuf chunk) {
			if (done) {
				return; // Reactor Netty releases the buffer after onNext
			}
			try {
				bytes.add(chunk);
			}
			catch (RuntimeException e) {
				Subscription sub = s;
				if (sub != null) {
					sub.cancel();
				}
				onError(e);
			}
		}

		@Override
		public void onError(Throwable e) {
			if (done) {
				Operators.onErrorDropped(e, actual.currentContext());
				return;
			}
			done = true;
			prefetch.body.connection.dispose();
			actual.onError(e);
		}

		@Override
		public void onComplete() {
			if (done) {
				return;
			}
			done = true;
			ResponseBody b = prefetch.body;
			b.prefetched = bytes.bytes();
			b.deadline.cancel();
			EventLoop loop = b.connection.channel().eventLoop();
			if (loop.inEventLoop()) {
				try {
					loop.execute(this);
					return;
				}
				catch (RejectedExecutionException e) {
					// the event loop is shutting down (the session's own, closed): signal now
				}
			}
			run();
		}

		/** Signals the result of the whole body. */
		@Override
		public void run() {
			if (!cancelled) {
				actual.onNext(prefetch.result);
				actual.onComplete();
			}
		}

		@Override
		public void request(long n) {
			Subscription sub = s;
			if (sub != null && n > 0) {
				sub.request(Long.MAX_VALUE); // the whole (small) body, as collect() asked
			}
		}

		@Override
		public void cancel() {
			cancelled = true;
			Subscription sub = s;
			if (sub != null) {
				sub.cancel();
			}
		}
	}

	/**
	 * Claims a body that was read with the headers, for a read that then completes at once.
	 *
	 * @return the body, now consumed by {@code what}; null if it was not read with the headers or another read
	 *         or a close came first (then {@link #bytes} says which)
	 */
	public byte @Nullable [] claimPrefetched(String what) {
		byte[] early = prefetched;
		if (early == null || !state.claim(what)) {
			return null;
		}
		state.consumed();
		return early;
	}

	/**
	 * The whole body, bounded by the limit.
	 *
	 * @param what the reading method, for the error of a second read
	 * @param keepStart whether to keep the body's first bytes for {@link #start()}
	 * @param excerptBytes how many first bytes to keep
	 */
	public Mono<byte[]> bytes(String what, boolean keepStart, int excerptBytes) {
		return Mono.defer(() -> {
			if (!state.claim(what)) {
				return Mono.error(alreadyRead(what));
			}
			byte[] early = prefetched;
			if (early != null) {
				state.consumed();
				return Mono.just(early);
			}
			Mono<byte[]> all = BoundedBody.buffer(connection.inbound().receive(), maxBytes, this::tooLarge);
			if (keepStart) {
				all = all.doOnNext(b -> start = Arrays.copyOf(b, Math.min(b.length, excerptBytes)));
			}
			return track(withTotal(all).onErrorMap(mapError::apply));
		});
	}

	/** The body as it arrives, each chunk copied out of Netty's buffer; not bounded, by design. */
	public Flux<ByteBuffer> chunks(String what) {
		return Flux.defer(() -> {
			if (!state.claim(what)) {
				return Flux.error(alreadyRead(what));
			}
			byte[] early = prefetched;
			if (early != null) {
				state.consumed();
				return early.length == 0 ? Flux.empty() : Flux.just(ByteBuffer.wrap(early));
			}
			AtomicBoolean timedOut = new AtomicBoolean();
			return connection.inbound().receive()
					.map(ResponseBody::copy)
					.takeUntilOther(deadline.passed().doOnNext(x -> timedOut.set(true)))
					.concatWith(Mono.defer(() -> timedOut.get() ? Mono.error(totalTimeout()) : Mono.empty()))
					.onErrorMap(mapError::apply)
					.doOnComplete(this::consumed)
					.doOnError(e -> state.failed())
					.doOnCancel(state::failed);
		});
	}

	/**
	 * The first {@code max} bytes of the body, then the connection is closed rather than read further (or
	 * released, if the body was shorter). A failed read gives what was read before the failure.
	 */
	public Mono<byte[]> excerpt(String what, int max) {
		return Mono.defer(() -> {
			if (!state.claim(what)) {
				return Mono.just(new byte[0]);
			}
			byte[] early = prefetched;
			if (early != null) {
				state.consumed();
				return Mono.just(Arrays.copyOf(early, Math.min(early.length, max)));
			}
			byte[] excerpt = new byte[max];
			int[] length = {0};
			Mono<byte[]> read = connection.inbound().receive()
					.doOnNext(b -> {
						int n = Math.min(b.readableBytes(), excerpt.length - length[0]);
						b.getBytes(b.readerIndex(), excerpt, length[0], n);
						length[0] += n;
					})
					.takeUntil(b -> length[0] >= excerpt.length)
					.then(Mono.fromSupplier(() -> Arrays.copyOf(excerpt, length[0])))
					.onErrorResume(e -> {
						state.failed();
						return Mono.fromSupplier(() -> Arrays.copyOf(excerpt, length[0]));
					});
			return track(withTotal(read));
		});
	}

	/** Releases the connection: drains an unread body if small, aborts a read in progress. Idempotent. */
	public void close() {
		if (state.close() == ClientResponse.State.UNREAD) {
			deadline.cancel();
		}
	}

	private <T> Mono<T> withTotal(Mono<T> mono) {
		return mono.timeout(deadline.passed(), Mono.error(this::totalTimeout));
	}

	/** Marks the body consumed before the reader sees the outcome, so that {@code state()} agrees with it. */
	private <T> Mono<T> track(Mono<T> read) {
		return read.doOnEach(signal -> {
			if (signal.isOnError()) {
				deadline.cancel();
				state.failed();
			}
			else if (!signal.isOnSubscribe()) {
				consumed();
			}
		}).doOnCancel(() -> {
			deadline.cancel();
			state.failed();
		});
	}

	private void consumed() {
		deadline.cancel();
		state.consumed();
	}

	@Override
	public void drain() {
		if (prefetched != null) {
			return; // already read: the connection went back to the pool then
		}
		connection.inbound().receive().subscribe(new BaseSubscriber<ByteBuf>() {
			private long seen;

			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				subscription.request(Long.MAX_VALUE);
			}

			@Override
			protected void hookOnNext(ByteBuf value) {
				seen += value.readableBytes();
				if (seen > DRAIN_LIMIT) {
					cancel();
				}
			}

			@Override
			protected void hookOnError(Throwable throwable) {
				// the connection is closed and out of the pool: nothing left to release
			}
		});
	}

	@Override
	public void dispose() {
		connection.dispose();
	}

	private BodyTooLargeException tooLarge() {
		return new BodyTooLargeException(method, url, maxBytes);
	}

	/**
	 * The error of the total timeout, for a read that it cut short or a read after it expired the body; a
	 * {@code SessionClosedException} if the session's close ended the request instead.
	 */
	public Exception totalTimeout() {
		return deadline.failure(method, url);
	}

	/** The error of a read that came after another read, a close, or the total timeout. */
	public Exception alreadyRead(String what) {
		if (state.expired()) {
			return totalTimeout();
		}
		String readBy = state.readBy();
		if (state.state() == ClientResponse.State.CLOSED && readBy == null) {
			return new IllegalStateException(what + ": the response of " + method + " " + url + " was closed "
					+ "before its body was read. Read the body before closing the response (inside its "
					+ "try-with-resources block).");
		}
		return new IllegalStateException(what + ": the body of " + method + " " + url + " was already read by "
				+ readBy + ", and a response body can be read only once. Keep the result of the first read (e.g. "
				+ "read text() once and parse it yourself).");
	}

	private static ByteBuffer copy(ByteBuf buf) {
		ByteBuffer copy = ByteBuffer.allocate(buf.readableBytes());
		buf.getBytes(buf.readerIndex(), copy);
		return copy.flip();
	}

	@Override
	public String toString() {
		return state.toString();
	}
}
