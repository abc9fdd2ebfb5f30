package io.github.reactorasyncio.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.CheckReturnValue;
import io.github.reactorasyncio.http.internal.BoundedBody;
import io.github.reactorasyncio.http.internal.Deadline;
import io.github.reactorasyncio.http.internal.Errors;
import io.github.reactorasyncio.http.internal.LineSplitter;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * A response whose status and headers have arrived and whose body may still be on its way: Python's
 * {@code aiohttp.ClientResponse}, JavaScript's {@code Response}.
 *
 * <p><b>The body is readable once.</b> Exactly one of {@link #text()}, {@link #read()}, the {@code json}
 * methods, {@link #content()}, {@link #lines()} (or a failing {@link #raiseForStatusWithBody()}) may subscribe to
 * it; a second read signals {@link IllegalStateException}. Each of them is cold: nothing is read until
 * subscription. They signal on the connection's Reactor Netty event loop thread. Cancelling a read closes
 * the connection (its remaining bytes cannot be skipped otherwise). The session's total timeout (counted
 * from the request) and read timeout cover the body. A body whose {@code Content-Length} is at most 64 KiB
 * was already read with the headers: its reads complete at once, on the subscribing thread, and a
 * coroutine that awaits them does not even suspend.
 *
 * <p><b>Close it</b> when the body may go unread: {@link #close()} releases the connection, so that
 * responses that are never read do not exhaust the pool. Reading the body to its end releases it too.
 * Use try-with-resources in a coroutine:
 * <pre>{@code
 * try (ClientResponse r = Async.await(session.get(url))) {
 *     if (r.status() == 404) return null;        // body unread: close() releases the connection
 *     return Async.await(r.json(User.class));
 * }
 * }</pre>
 * A coroutine cancelled while it awaited the response closes a response that arrives too late, and a
 * response whose body is still unread when the total timeout passes releases its connection then (a later
 * read signals {@link ClientTimeoutException}), so no response holds a connection past the timeout.
 *
 * <p>Thread-safe: the state below is guarded by an atomic {@link State}.
 */
public final class ClientResponse implements AutoCloseable {

	/** Where the body is in its life; {@link #toString()} shows it. */
	public enum State {
		/** The body was neither read nor released. */
		UNREAD,
		/** A read of the body is subscribed and not finished. */
		READING,
		/** The body was read to its end, or its read failed or was cancelled; the connection is released. */
		CONSUMED,
		/**
		 * The response was closed, or its total timeout passed with the body unread; an unread body was
		 * released.
		 */
		CLOSED
	}

	/** A body whose Content-Length is at most this is read before the response is signalled. */
	static final long PREFETCH_LIMIT = 64 * 1024;
	/** An unread body up to this size is drained on close so the connection goes back to the pool. */
	private static final long DRAIN_LIMIT = 64 * 1024;
	private static final int EXCERPT_CHARS = 200;

	private final ClientSession session;
	private final String method;
	private final URI requestUrl;
	private final HttpClientResponse response;
	private final Connection connection;
	private final Deadline deadline;
	/** The largest body a buffering read accepts, after decompression. */
	private final long maxBodyBytes;
	private final AtomicReference<State> state = new AtomicReference<>(State.UNREAD);
	private volatile @Nullable String readBy;
	/** A small body read together with the headers; see {@link #prefetchIfSmall()}. */
	private volatile byte @Nullable [] prefetched;
	private volatile boolean expired;
	/** The start of an error response's body that a buffered read returned, for {@link #raiseForStatus()}. */
	private volatile @Nullable String readExcerpt;

	ClientResponse(ClientSession session, String method, URI requestUrl, HttpClientResponse response,
			Connection connection, Deadline deadline, long maxBodyBytes) {
		this.session = session;
		this.method = method;
		this.requestUrl = requestUrl;
		this.response = response;
		this.connection = connection;
		this.deadline = deadline;
		this.maxBodyBytes = maxBodyBytes;
		deadline.whenPassed(this::expire);
	}

	/**
	 * Reads a small body that the server announced with its length, so that the first read of it completes
	 * at once: a coroutine that awaits {@code json()} then continues without a second switch, and the
	 * connection goes back to the pool as soon as possible. Larger, chunked and HEAD bodies stream.
	 */
	Mono<ClientResponse> prefetchIfSmall() {
		long length = contentLength();
		if (length < 0 || length > PREFETCH_LIMIT || length > maxBodyBytes || method.equals("HEAD")) {
			return Mono.just(this);
		}
		return BoundedBody.buffer(connection.inbound().receive(), maxBodyBytes,
				() -> new BodyTooLargeException(method, requestUrl, maxBodyBytes)).map(bytes -> {
					prefetched = bytes;
					deadline.cancel();
					return this;
				}).doOnError(e -> connection.dispose());
	}

	private long contentLength() {
		String value = response.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
		if (value == null) {
			return -1;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException e) {
			return -1;
		}
	}

	/**
	 * Returns the status code, e.g. 200.
	 *
	 * @return the status code, e.g. 200
	 */
	public int status() {
		return response.status().code();
	}

	/**
	 * Returns the reason phrase, e.g. {@code "OK"}.
	 *
	 * @return the reason phrase, e.g. {@code "OK"}
	 */
	public String reason() {
		return response.status().reasonPhrase();
	}

	/**
	 * Returns whether the status is below 400.
	 *
	 * @return whether the status is below 400 (aiohttp's rule; JavaScript's {@code ok} is 200–299, which
	 *         differs only for a 3xx that was not followed, such as 304)
	 */
	public boolean ok() {
		return status() < 400;
	}

	/**
	 * Returns the response headers, case-insensitive; do not modify them.
	 *
	 * @return the response headers, case-insensitive; do not modify them
	 */
	public HttpHeaders headers() {
		return response.responseHeaders();
	}

	/**
	 * Returns the URL that answered: the request's, or the last one after redirects.
	 *
	 * @return the URL that answered: the request's, or the last one after redirects
	 */
	public URI url() {
		String resource = response.resourceUrl();
		if (resource == null) {
			return requestUrl;
		}
		try {
			return new URI(resource);
		}
		catch (URISyntaxException e) {
			return requestUrl;
		}
	}

	/**
	 * Returns the HTTP method of the request.
	 *
	 * @return the HTTP method of the request
	 */
	public String method() {
		return method;
	}

	/**
	 * Returns the media type of the body without parameters, lower case, e.g. {@code "application/json"}; empty if none.
	 *
	 * @return the media type of the body without parameters, lower case, e.g. {@code "application/json"}; empty if none
	 */
	public String contentType() {
		String ct = headers().get(HttpHeaderNames.CONTENT_TYPE);
		if (ct == null) {
			return "";
		}
		int semi = ct.indexOf(';');
		return (semi >= 0 ? ct.substring(0, semi) : ct).trim().toLowerCase(Locale.ROOT);
	}

	/**
	 * Returns the charset of the {@code Content-Type}, or UTF-8 when it names none or an unknown one.
	 *
	 * @return the charset of the {@code Content-Type}, or UTF-8 when it names none or an unknown one
	 */
	public Charset charset() {
		String ct = headers().get(HttpHeaderNames.CONTENT_TYPE);
		if (ct != null) {
			for (String param : ct.split(";")) {
				String p = param.trim();
				if (p.regionMatches(true, 0, "charset=", 0, 8)) {
					try {
						return Charset.forName(p.substring(8).replace("\"", "").trim());
					}
					catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
						return StandardCharsets.UTF_8;
					}
				}
			}
		}
		return StandardCharsets.UTF_8;
	}

	/**
	 * Returns where the body is in its life.
	 *
	 * @return where the body is in its life
	 */
	public State state() {
		return state.get();
	}

	/**
	 * Returns whether a read of the body has started or the response was closed: JavaScript's {@code bodyUsed}.
	 *
	 * @return whether a read of the body has started or the response was closed: JavaScript's {@code bodyUsed}
	 */
	public boolean bodyUsed() {
		return state.get() != State.UNREAD;
	}

	/**
	 * Throws {@link ClientResponseException} at once if the status is 400 or above; Python's
	 * {@code raise_for_status()}, synchronous as aiohttp's. The exception carries the start of the body only
	 * if the body was already read: with the headers (a small body with a length, see the class comment) or
	 * by {@link #text()}, {@link #read()} or {@code json}; the body is not read for it. Throwing with the
	 * body unread, it closes this response (as aiohttp releases a response outside its context), so a
	 * dropped error response does not hold its connection; to include the body of a larger error response,
	 * use {@link #raiseForStatusWithBody()}. Any thread; never blocks.
	 *
	 * <pre>{@code
	 * ClientResponse r = Async.await(session.get(url)).raiseForStatus();
	 * }</pre>
	 *
	 * @return this response, if its status is below 400
	 * @throws ClientResponseException if the status is 400 or above
	 */
	@CanIgnoreReturnValue
	public ClientResponse raiseForStatus() {
		if (ok()) {
			return this;
		}
		byte[] early = prefetched;
		String read = readExcerpt;
		String excerpt = early != null ? excerptOf(early) : read != null ? read : "";
		if (state.get() == State.UNREAD) {
			close();
		}
		throw new ClientResponseException(method, url(), status(), reason(), excerpt);
	}

	private String excerptOf(byte[] body) {
		return new String(body, 0, Math.min(body.length, ClientResponseException.BODY_EXCERPT_BYTES), charset());
	}

	/**
	 * A cold Mono of this response if its status is below 400. Otherwise it reads the first
	 * {@value ClientResponseException#BODY_EXCERPT_BYTES} bytes of the body (and closes the connection
	 * rather than read more) and signals {@link ClientResponseException} with them: what a session built with
	 * {@code raiseForStatus(true)} does. Reads the body, so it counts as the one read of it (see the class
	 * comment); in a coroutine, {@code Async.await(r.raiseForStatusWithBody())}.
	 *
	 * @return a Mono of {@code this}, or of the error; it signals on a Netty thread, or at once if ok or the
	 *         body was read with the headers; cancelling it closes the connection
	 */
	@CheckReturnValue
	public Mono<ClientResponse> raiseForStatusWithBody() {
		return Mono.defer(() -> {
			if (ok()) {
				return Mono.just(this);
			}
			if (!claim("raiseForStatusWithBody()")) {
				return Mono.error(new ClientResponseException(method, url(), status(), reason(), ""));
			}
			byte[] early = prefetched;
			if (early != null) {
				consumed();
				return Mono.error(new ClientResponseException(method, url(), status(), reason(), excerptOf(early)));
			}
			byte[] excerpt = new byte[ClientResponseException.BODY_EXCERPT_BYTES];
			int[] length = {0};
			Mono<ClientResponse> read = connection.inbound().receive()
					.doOnNext(b -> {
						int n = Math.min(b.readableBytes(), excerpt.length - length[0]);
						b.getBytes(b.readerIndex(), excerpt, length[0], n);
						length[0] += n;
					})
					.takeUntil(b -> length[0] >= excerpt.length)
					.then(Mono.<ClientResponse>empty())
					.onErrorResume(e -> Mono.empty())
					.then(Mono.error(() -> new ClientResponseException(method, url(), status(), reason(),
							new String(excerpt, 0, length[0], charset()))));
			return track(withTotal(read));
		});
	}

	/**
	 * The whole body as bytes. Cold; reads the body once (see the class comment).
	 *
	 * @return a Mono of the bytes (empty array for an empty body), signalled on a Netty event loop thread
	 */
	@CheckReturnValue
	public Mono<byte[]> read() {
		return bytes("read()");
	}

	/**
	 * The whole body as text, decoded with the {@link #charset()} of the {@code Content-Type} (UTF-8 if none).
	 * Cold; reads the body once.
	 *
	 * @return a Mono of the text, signalled on a Netty event loop thread
	 */
	@CheckReturnValue
	public Mono<String> text() {
		return body("text()", bytes -> new String(bytes, charset()));
	}

	/**
	 * The body parsed as JSON into the given type by the session's {@code JsonMapper}. Cold; reads the body
	 * once. Signals {@link ContentTypeException} if the body is not JSON (unless the session is lenient) and
	 * {@link JsonDecodeException}, with the parser's position, if it is malformed.
	 *
	 * @param type the class to map to, e.g. a record
	 * @param <T> the type
	 * @return a Mono of the value, empty for the JSON literal {@code null}; signalled on a Netty thread
	 */
	@CheckReturnValue
	public <T> Mono<T> json(Class<T> type) {
		Objects.requireNonNull(type, "type");
		return json(bytes -> session.mapper().readValue(bytes, type));
	}

	/**
	 * As {@link #json(Class)}, for a generic type: {@code json(new TypeReference<List<User>>() {})}.
	 *
	 * @param type the type to map to
	 * @param <T> the type
	 * @return a Mono of the value, empty for the JSON literal {@code null}
	 */
	@CheckReturnValue
	public <T> Mono<T> json(TypeReference<T> type) {
		Objects.requireNonNull(type, "type");
		return json(bytes -> session.mapper().readValue(bytes, type));
	}

	/**
	 * The body parsed as a JSON tree. As {@link #json(Class)} otherwise.
	 *
	 * @return a Mono of the tree ({@code NullNode} for {@code null}, {@code MissingNode} for an empty body)
	 */
	@CheckReturnValue
	public Mono<JsonNode> json() {
		return json(bytes -> session.mapper().readTree(bytes));
	}

	private <T> Mono<T> json(Function<byte[], @Nullable T> parse) {
		return bytes("json()").handle((bytes, sink) -> {
			String ct = contentType();
			if (!session.lenientJson() && !isJson(ct)) {
				sink.error(new ContentTypeException(method, url(), ct, excerpt(bytes)));
				return;
			}
			T value;
			try {
				value = parse.apply(bytes);
			}
			catch (JacksonException e) {
				sink.error(new JsonDecodeException(method, url(), e));
				return;
			}
			if (value != null) {
				sink.next(value);
			}
		});
	}

	private static boolean isJson(String contentType) {
		return contentType.equals("application/json") || (contentType.startsWith("application/")
				&& contentType.endsWith("+json"));
	}

	private String excerpt(byte[] bytes) {
		String s = new String(bytes, 0, Math.min(bytes.length, EXCERPT_CHARS * 4), charset());
		return s.length() > EXCERPT_CHARS ? s.substring(0, EXCERPT_CHARS) + "…" : s;
	}

	/**
	 * The body as it arrives, chunk by chunk, with backpressure: a slow subscriber slows the reading from
	 * the socket. Cold; reads the body once. Each buffer is a copy the subscriber may keep.
	 *
	 * @return a Flux of chunks, signalled on a Netty event loop thread; cancelling it closes the connection
	 */
	@CheckReturnValue
	public Flux<ByteBuffer> content() {
		return Flux.defer(() -> {
			if (!claim("content()")) {
				return Flux.error(alreadyRead("content()"));
			}
			byte[] early = prefetched;
			if (early != null) {
				consumed();
				return early.length == 0 ? Flux.empty() : Flux.just(ByteBuffer.wrap(early));
			}
			AtomicBoolean timedOut = new AtomicBoolean();
			Flux<ByteBuffer> chunks = connection.inbound().receive()
					.map(ClientResponse::copy)
					.takeUntilOther(deadline.passed().doOnNext(x -> timedOut.set(true)))
					.concatWith(Mono.defer(() -> timedOut.get() ? Mono.error(totalTimeout()) : Mono.empty()));
			return chunks.onErrorMap(this::mapError).doOnTerminate(this::consumed).doOnCancel(this::cancelled);
		});
	}

	/**
	 * The body as lines of text, split at {@code \n} (a preceding {@code \r} is dropped), decoded with
	 * {@link #charset()}; a last line without a newline is emitted too. As {@link #content()} otherwise.
	 *
	 * @return a Flux of lines, signalled on a Netty event loop thread
	 */
	@CheckReturnValue
	public Flux<String> lines() {
		return Flux.defer(() -> {
			LineSplitter splitter = new LineSplitter(charset());
			return content().concatMapIterable(splitter::feed).concatWith(Mono.fromSupplier(splitter::finish));
		});
	}

	/**
	 * Releases the connection: an unread body is drained if small (so the connection is reused) or the
	 * connection is closed; a read in progress is aborted. Idempotent; any thread; never blocks.
	 */
	@Override
	public void close() {
		for (;;) {
			State s = state.get();
			if (s == State.CLOSED || s == State.CONSUMED) {
				return;
			}
			if (state.compareAndSet(s, State.CLOSED)) {
				if (s == State.UNREAD) {
					deadline.cancel();
					if (prefetched == null) {
						drain();
					}
				}
				else {
					connection.dispose();
				}
				return;
			}
		}
	}

	private void drain() {
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

	private Mono<byte[]> bytes(String what) {
		return body(what, bytes -> bytes);
	}

	/**
	 * Reads the body once: from the prefetched bytes at once if it was small, else from the connection,
	 * buffering at most {@link #maxBodyBytes}.
	 */
	private <T> Mono<T> body(String what, Function<byte[], T> convert) {
		return Mono.defer(() -> {
			if (!claim(what)) {
				return Mono.error(alreadyRead(what));
			}
			byte[] bytes = prefetched;
			if (bytes != null) {
				consumed();
				return Mono.just(convert.apply(bytes));
			}
			Mono<byte[]> all = BoundedBody.buffer(connection.inbound().receive(), maxBodyBytes,
					() -> new BodyTooLargeException(method, requestUrl, maxBodyBytes));
			if (!ok()) {
				all = all.doOnNext(b -> readExcerpt = excerptOf(b));
			}
			return track(withTotal(all).onErrorMap(this::mapError).map(convert));
		});
	}

	private <T> Mono<T> withTotal(Mono<T> mono) {
		return mono.timeout(deadline.passed(), Mono.error(this::totalTimeout));
	}

	private ClientTimeoutException totalTimeout() {
		return new ClientTimeoutException(ClientTimeoutException.Kind.TOTAL, deadline.length(), method, requestUrl);
	}

	private Throwable mapError(Throwable e) {
		return Errors.map(e, method, requestUrl, session.connectTimeout(), session.readTimeout(), deadline.length());
	}

	private boolean claim(String what) {
		if (state.compareAndSet(State.UNREAD, State.READING)) {
			readBy = what;
			return true;
		}
		return false;
	}

	/** Marks the body consumed before the reader sees the outcome, so that {@link #state()} agrees with it. */
	private <T> Mono<T> track(Mono<T> read) {
		return read.doOnEach(signal -> {
			if (signal.isOnError()) {
				// what is left of the body, if anything, cannot be skipped reliably: never pool the connection
				cancelled();
			}
			else if (!signal.isOnSubscribe()) {
				consumed();
			}
		}).doOnCancel(this::cancelled);
	}

	private void consumed() {
		deadline.cancel();
		state.compareAndSet(State.READING, State.CONSUMED);
	}

	private void cancelled() {
		consumed();
		connection.dispose();
	}

	/**
	 * The total timeout passed with the body unread: release the connection now rather than let a response
	 * nobody reads or closes hold it; a later read signals the timeout.
	 */
	private void expire() {
		if (state.compareAndSet(State.UNREAD, State.CLOSED)) {
			expired = true;
			connection.dispose();
		}
	}

	private Exception alreadyRead(String what) {
		if (expired) {
			return totalTimeout();
		}
		if (state.get() == State.CLOSED && readBy == null) {
			return new IllegalStateException(what + ": the response of " + method + " " + requestUrl + " was closed "
					+ "before its body was read. Read the body before closing the response (inside its "
					+ "try-with-resources block).");
		}
		return new IllegalStateException(what + ": the body of " + method + " " + requestUrl + " was already read by "
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
		return "ClientResponse[" + method + " " + url() + " " + status() + " " + reason() + ", " + state.get() + "]";
	}
}
