package io.github.reactorasyncio.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.function.Function;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.CheckReturnValue;
import io.github.reactorasyncio.http.internal.Deadline;
import io.github.reactorasyncio.http.internal.Errors;
import io.github.reactorasyncio.http.internal.LineSplitter;
import io.github.reactorasyncio.http.internal.ResponseBody;
import io.github.reactorasyncio.http.internal.ResponseHead;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
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
 * <p>Thread-safe. This class is a facade: the body's reading, its claim/consume/expire state machine and
 * the header parsing live in the internal {@code ResponseBody}, {@code BodyState} and {@code ResponseHead}.
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

	private static final int EXCERPT_CHARS = 200;

	private final ClientSession session;
	private final String method;
	private final URI requestUrl;
	private final HttpClientResponse response;
	private final ResponseBody body;

	ClientResponse(ClientSession session, String method, URI requestUrl, HttpClientResponse response,
			Connection connection, Deadline deadline, long maxBodyBytes) {
		this.session = session;
		this.method = method;
		this.requestUrl = requestUrl;
		this.response = response;
		this.body = new ResponseBody(method, requestUrl, connection, deadline, maxBodyBytes,
				e -> Errors.map(e, method, requestUrl, session.connectTimeout(), session.readTimeout(), deadline.length()));
	}

	/** Reads a small body announced with its length before the response is signalled; see {@link ResponseBody}. */
	Mono<ClientResponse> prefetchIfSmall() {
		return body.prefetchIfSmall(ResponseHead.contentLength(headers()), method.equals("HEAD"), this);
	}

	/** {@return the status code, e.g. 200} */
	public int status() {
		return response.status().code();
	}

	/** {@return the reason phrase, e.g. {@code "OK"}} */
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

	/** {@return the response headers, case-insensitive; do not modify them} */
	public HttpHeaders headers() {
		return response.responseHeaders();
	}

	/** {@return the URL that answered: the request's, or the last one after redirects} */
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

	/** {@return the HTTP method of the request} */
	public String method() {
		return method;
	}

	/**
	 * {@return the media type of the body without parameters, lower case, e.g. {@code "application/json"}; empty if
	 * none}
	 */
	public String contentType() {
		return ResponseHead.contentType(headers());
	}

	/** {@return the charset of the {@code Content-Type}, or UTF-8 when it names none or an unknown one} */
	public Charset charset() {
		return ResponseHead.charset(headers());
	}

	/** {@return where the body is in its life} */
	public State state() {
		return body.state();
	}

	/** {@return whether a read of the body has started or the response was closed: JavaScript's {@code bodyUsed}} */
	public boolean bodyUsed() {
		return body.state() != State.UNREAD;
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
		byte[] early = body.prefetched();
		byte[] start = body.start();
		String excerpt = early != null ? excerptOf(early) : start != null ? excerptOf(start) : "";
		if (body.state() == State.UNREAD) {
			close();
		}
		throw new ClientResponseException(method, url(), status(), reason(), excerpt);
	}

	private String excerptOf(byte[] bytes) {
		return new String(bytes, 0, Math.min(bytes.length, ClientResponseException.BODY_EXCERPT_BYTES), charset());
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
			return body.excerpt("raiseForStatusWithBody()", ClientResponseException.BODY_EXCERPT_BYTES)
					.flatMap(bytes -> Mono.error(new ClientResponseException(method, url(), status(), reason(),
							new String(bytes, charset()))));
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
		return bytes("text()").map(bytes -> new String(bytes, charset()));
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
		return Mono.defer(() -> {
			// a body read with the headers is parsed here, at subscription, without an operator per read
			byte[] early = body.claimPrefetched("json()");
			if (early == null) {
				return bytes("json()").handle((bytes, sink) -> {
					try {
						T value = decode(bytes, parse);
						if (value != null) {
							sink.next(value);
						}
					}
					catch (ClientException e) {
						sink.error(e);
					}
				});
			}
			try {
				return Mono.justOrEmpty(decode(early, parse));
			}
			catch (ClientException e) {
				return Mono.error(e);
			}
		});
	}

	private <T> @Nullable T decode(byte[] bytes, Function<byte[], @Nullable T> parse) throws ClientException {
		String ct = contentType();
		if (!session.lenientJson() && !ResponseHead.isJson(ct)) {
			throw new ContentTypeException(method, url(), ct, excerpt(bytes));
		}
		try {
			return parse.apply(bytes);
		}
		catch (JacksonException e) {
			throw new JsonDecodeException(method, url(), e);
		}
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
		return body.chunks("content()");
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
		body.close();
	}

	/** Reads the whole body, bounded; keeps its start if this is an error response, for {@link #raiseForStatus()}. */
	private Mono<byte[]> bytes(String what) {
		return body.bytes(what, !ok(), ClientResponseException.BODY_EXCERPT_BYTES);
	}

	@Override
	public String toString() {
		return "ClientResponse[" + method + " " + url() + " " + status() + " " + reason() + ", " + body.state() + "]";
	}
}
