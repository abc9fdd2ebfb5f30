package io.github.reactorasyncio.http;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.github.reactorasyncio.http.internal.Headers;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.NettyOutbound;
import reactor.netty.http.client.HttpClientRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of a request: text, bytes, a JSON document, form fields, or a stream. Immutable; a body made
 * of a value may be sent any number of times, a {@link #stream stream} body as often as its publisher may
 * be subscribed.
 */
public final class RequestBody {

	private final @Nullable byte[] bytes;
	private final @Nullable Object json;
	private final @Nullable Publisher<ByteBuffer> stream;
	private final String contentType;

	private RequestBody(@Nullable byte[] bytes, @Nullable Object json, @Nullable Publisher<ByteBuffer> stream,
			String contentType) {
		this.bytes = bytes;
		this.json = json;
		this.stream = stream;
		this.contentType = contentType;
	}

	/**
	 * Makes a UTF-8 text body of type {@code text/plain}.
	 *
	 * @param text the body, sent as UTF-8
	 * @return a {@code text/plain; charset=UTF-8} body
	 */
	public static RequestBody text(String text) {
		return text(text, "text/plain; charset=UTF-8");
	}

	/**
	 * Makes a UTF-8 text body with the given {@code Content-Type}.
	 *
	 * @param text the body, sent as UTF-8
	 * @param contentType its {@code Content-Type}, which should say {@code charset=UTF-8} where it matters
	 * @return the body
	 */
	public static RequestBody text(String text, String contentType) {
		Objects.requireNonNull(text, "text");
		Headers.check("Content-Type", Objects.requireNonNull(contentType, "contentType"));
		return new RequestBody(text.getBytes(StandardCharsets.UTF_8), null, null, contentType);
	}

	/**
	 * Makes a body of the given bytes, of type {@code application/octet-stream}.
	 *
	 * @param bytes the body; the array is not copied, so do not change it until the request was sent
	 * @return an {@code application/octet-stream} body
	 */
	public static RequestBody bytes(byte[] bytes) {
		return bytes(bytes, "application/octet-stream");
	}

	/**
	 * Makes a body of the given bytes with the given {@code Content-Type}.
	 *
	 * @param bytes the body; the array is not copied, so do not change it until the request was sent
	 * @param contentType its {@code Content-Type}
	 * @return the body
	 */
	public static RequestBody bytes(byte[] bytes, String contentType) {
		Objects.requireNonNull(bytes, "bytes");
		Headers.check("Content-Type", Objects.requireNonNull(contentType, "contentType"));
		return new RequestBody(bytes, null, null, contentType);
	}

	/**
	 * Makes a JSON body of the given value, serialized only when the request is sent.
	 *
	 * @param value any object Jackson can write; it is serialized with the session's {@code JsonMapper} when
	 *        the request is sent
	 * @return an {@code application/json} body
	 */
	public static RequestBody json(Object value) {
		Objects.requireNonNull(value, "value");
		return new RequestBody(null, value, null, "application/json");
	}

	/**
	 * Makes a URL-encoded form body of the given fields, each name and value encoded as UTF-8.
	 *
	 * @param fields form fields, sent in the map's iteration order
	 * @return an {@code application/x-www-form-urlencoded} body
	 */
	public static RequestBody form(Map<String, String> fields) {
		Objects.requireNonNull(fields, "fields");
		String encoded = fields.entrySet().stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
		return new RequestBody(encoded.getBytes(StandardCharsets.UTF_8), null, null,
				"application/x-www-form-urlencoded");
	}

	/**
	 * A streamed body, sent with chunked transfer encoding as the publisher emits; the request requests
	 * from it as the connection can write (backpressure). Each send subscribes to it once.
	 *
	 * @param content the chunks; each buffer is read from its position to its limit and must not change
	 *        after it was emitted
	 * @param contentType its {@code Content-Type}
	 * @return the body
	 */
	public static RequestBody stream(Publisher<ByteBuffer> content, String contentType) {
		Objects.requireNonNull(content, "content");
		Headers.check("Content-Type", Objects.requireNonNull(contentType, "contentType"));
		return new RequestBody(null, null, content, contentType);
	}

	/** {@return the {@code Content-Type} the body is sent with} */
	public String contentType() {
		return contentType;
	}

	/** Writes the body; called by the session inside Reactor Netty's {@code send}. */
	Publisher<Void> send(HttpClientRequest request, NettyOutbound out, JsonMapper mapper) {
		if (!request.requestHeaders().contains(HttpHeaderNames.CONTENT_TYPE)) {
			request.header(HttpHeaderNames.CONTENT_TYPE, contentType);
		}
		Publisher<ByteBuffer> s = stream;
		if (s != null) {
			return out.send(Flux.from(s).map(Unpooled::wrappedBuffer));
		}
		byte[] b = bytes != null ? bytes : mapper.writeValueAsBytes(json);
		request.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(b.length));
		return out.sendByteArray(Mono.just(b));
	}

	@Override
	public String toString() {
		return "RequestBody[" + contentType + (stream != null ? ", stream" : json != null ? ", json" : ", "
				+ (bytes != null ? bytes.length : 0) + " bytes") + "]";
	}
}
