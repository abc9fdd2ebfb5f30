package io.github.reactorasyncio.http;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.github.reactorasyncio.http.internal.Errors;
import io.github.reactorasyncio.http.internal.Headers;
import io.github.reactorasyncio.http.internal.Multipart;
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
	private final @Nullable List<Multipart.Part> parts;

	private RequestBody(@Nullable byte[] bytes, @Nullable Object json, @Nullable Publisher<ByteBuffer> stream,
			String contentType) {
		this(bytes, json, stream, contentType, null);
	}

	private RequestBody(@Nullable byte[] bytes, @Nullable Object json, @Nullable Publisher<ByteBuffer> stream,
			String contentType, @Nullable List<Multipart.Part> parts) {
		this.bytes = bytes;
		this.json = json;
		this.stream = stream;
		this.contentType = contentType;
		this.parts = parts;
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

	/**
	 * Returns a builder of a {@code multipart/form-data} body of fields and files: aiohttp's {@code FormData}
	 * with files ({@code data.add_field("file", open(path, "rb"), filename=..., content_type=...)}).
	 *
	 * <pre>{@code
	 * RequestBody body = RequestBody.multipart()
	 *         .field("title", "holiday")
	 *         .file("photo", Path.of("beach.jpg"), "image/jpeg")
	 *         .build();
	 * }</pre>
	 *
	 * <p>The body is written by Netty's {@code HttpPostRequestEncoder} with a new boundary for each send, with a
	 * {@code Content-Length}; a file part streams from disk as the connection can write (a file of at most
	 * 16 KiB is read at once when the request is sent), and a file is read anew each time the body is sent.
	 *
	 * @return a builder of a multipart body
	 */
	public static MultipartBuilder multipart() {
		return new MultipartBuilder();
	}

	/** {@return the {@code Content-Type} the body is sent with} */
	public String contentType() {
		return contentType;
	}

	/** Writes the body; called by the session inside Reactor Netty's {@code send}. */
	Publisher<Void> send(HttpClientRequest request, NettyOutbound out, JsonMapper mapper) {
		List<Multipart.Part> p = parts;
		if (p != null) {
			// the boundary is the encoder's: its Content-Type replaces any other
			return Multipart.send(request, out, p);
		}
		if (!request.requestHeaders().contains(HttpHeaderNames.CONTENT_TYPE)) {
			request.header(HttpHeaderNames.CONTENT_TYPE, contentType);
		}
		Publisher<ByteBuffer> s = stream;
		if (s != null) {
			// a stream that ran out of direct memory must fail the request, not stall it: see Errors.nonFatal
			return out.send(Flux.from(s).onErrorMap(Errors::nonFatal).map(Unpooled::wrappedBuffer));
		}
		byte[] b = bytes != null ? bytes : mapper.writeValueAsBytes(json);
		request.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(b.length));
		return out.sendByteArray(Mono.just(b));
	}

	@Override
	public String toString() {
		return "RequestBody[" + contentType + (parts != null ? ", " + parts.size() + " parts" : stream != null ? ", stream" : json != null ? ", json" : ", "
				+ (bytes != null ? bytes.length : 0) + " bytes") + "]";
	}

	/**
	 * Builds a {@code multipart/form-data} {@link RequestBody}: aiohttp's {@code FormData}. Parts are sent in
	 * the order they were added; names and values are sent as UTF-8. Not thread-safe.
	 */
	public static final class MultipartBuilder {

		private final List<Multipart.Part> parts = new ArrayList<>();

		private MultipartBuilder() {
		}

		/**
		 * Adds a text field: {@code data.add_field(name, value)}.
		 *
		 * @param name the field's name
		 * @param value its value
		 * @return this builder
		 */
		public MultipartBuilder field(String name, String value) {
			parts.add(new Multipart.Part(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"),
					null, null, null, null));
			return this;
		}

		/**
		 * Adds a file part streamed from disk, named after the file, of type {@code application/octet-stream}.
		 *
		 * @param name the field's name
		 * @param file a readable regular file; it is read when the request is sent, not now
		 * @return this builder
		 * @throws IllegalArgumentException if {@code file} is not a readable regular file
		 */
		public MultipartBuilder file(String name, Path file) {
			return file(name, file, "application/octet-stream");
		}

		/**
		 * Adds a file part streamed from disk, named after the file:
		 * {@code data.add_field(name, open(file, "rb"), content_type=contentType)}.
		 *
		 * @param name the field's name
		 * @param file a readable regular file; it is read when the request is sent, not now
		 * @param contentType the part's {@code Content-Type}
		 * @return this builder
		 * @throws IllegalArgumentException if {@code file} is not a readable regular file
		 */
		public MultipartBuilder file(String name, Path file, String contentType) {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(file, "file");
			Headers.check("Content-Type", Objects.requireNonNull(contentType, "contentType"));
			if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
				throw new IllegalArgumentException("Cannot send " + file + " as the part '" + name
						+ "': it is not a readable regular file. Check the path and its permissions.");
			}
			parts.add(new Multipart.Part(name, null, file, null, String.valueOf(file.getFileName()), contentType));
			return this;
		}

		/**
		 * Adds a file part of bytes in memory:
		 * {@code data.add_field(name, content, filename=filename, content_type=contentType)}.
		 *
		 * @param name the field's name
		 * @param filename the file name the part announces
		 * @param content the file's bytes; not copied, so do not change them until the request was sent
		 * @param contentType the part's {@code Content-Type}
		 * @return this builder
		 */
		public MultipartBuilder file(String name, String filename, byte[] content, String contentType) {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(filename, "filename");
			Objects.requireNonNull(content, "content");
			Headers.check("Content-Type", Objects.requireNonNull(contentType, "contentType"));
			parts.add(new Multipart.Part(name, null, null, content, filename, contentType));
			return this;
		}

		/**
		 * Returns the body; this builder may go on to build another.
		 *
		 * @return a {@code multipart/form-data} body of the parts added so far
		 * @throws IllegalStateException if no part was added
		 */
		public RequestBody build() {
			if (parts.isEmpty()) {
				throw new IllegalStateException("A multipart body needs at least one part: add a field or a file first.");
			}
			return new RequestBody(null, null, null, "multipart/form-data", List.copyOf(parts));
		}
	}
}
