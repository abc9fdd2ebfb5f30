package io.github.reactorasyncio.http.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpPostRequestEncoder;
import io.netty.handler.codec.http.multipart.MemoryFileUpload;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.netty.NettyOutbound;
import reactor.netty.http.client.HttpClientRequest;

/**
 * A {@code multipart/form-data} body written by Netty's {@link HttpPostRequestEncoder} (HTML5 mode, UTF-8): a
 * new encoder per send, read chunk by chunk as the connection asks for more, so that a file part streams from
 * disk (the encoder keeps a file over 16 KiB on disk and reads it 8 KiB at a time) instead of being loaded.
 * The encoder's data is released when the body completes, fails or is cancelled; the user's files are never
 * deleted (Netty's disk upload marks a file given to it as not its own).
 */
public final class Multipart {

	/** One part: a field ({@code value} set), a file on disk ({@code path} set), or bytes as a file. */
	public record Part(String name, @Nullable String value, @Nullable Path path, byte @Nullable [] bytes,
			@Nullable String filename, @Nullable String contentType) {
	}

	private Multipart() {
	}

	/** Sends the parts as the request's body, its {@code Content-Type} (with the boundary) set. */
	public static Publisher<Void> send(HttpClientRequest request, NettyOutbound out, List<Part> parts) {
		HttpRequest shape = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
		DefaultHttpDataFactory factory = new DefaultHttpDataFactory(DefaultHttpDataFactory.MINSIZE, StandardCharsets.UTF_8);
		List<MemoryFileUpload> own = new ArrayList<>();
		HttpPostRequestEncoder encoder;
		try {
			encoder = new HttpPostRequestEncoder(factory, shape, true, StandardCharsets.UTF_8,
					HttpPostRequestEncoder.EncoderMode.HTML5);
			for (Part p : parts) {
				String type = p.contentType() != null ? p.contentType() : "application/octet-stream";
				if (p.value() != null) {
					encoder.addBodyAttribute(p.name(), p.value());
				}
				else if (p.path() != null) {
					if (!Files.isRegularFile(p.path()) || !Files.isReadable(p.path())) {
						throw new IllegalStateException("Cannot send " + p.path() + " as the part '" + p.name()
								+ "': it is no longer a readable regular file.");
					}
					String filename = p.filename() != null ? p.filename() : String.valueOf(p.path().getFileName());
					encoder.addBodyFileUpload(p.name(), filename, p.path().toFile(), type, false);
				}
				else {
					byte[] b = p.bytes();
					MemoryFileUpload upload = new MemoryFileUpload(p.name(),
							p.filename() != null ? p.filename() : p.name(), type, null, null, b.length);
					own.add(upload);
					upload.setContent(Unpooled.wrappedBuffer(b));
					encoder.addBodyHttpData(upload);
				}
			}
			encoder.finalizeRequest();
		}
		catch (Exception e) {
			release(factory, shape, own);
			return Flux.error(e);
		}
		request.header(HttpHeaderNames.CONTENT_TYPE, shape.headers().get(HttpHeaderNames.CONTENT_TYPE));
		// the encoder's length is exact, so a server gets Content-Length rather than chunks
		request.header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(encoder.length()));
		request.requestHeaders().remove(HttpHeaderNames.TRANSFER_ENCODING);
		Flux<ByteBuf> chunks = Flux.<ByteBuf>generate(sink -> {
			try {
				while (!encoder.isEndOfInput()) {
					HttpContent c = encoder.readChunk(out.alloc());
					if (c == null) {
						break;
					}
					ByteBuf b = c.content();
					if (b.isReadable()) {
						sink.next(b);
						return;
					}
					b.release();
				}
				sink.complete();
			}
			catch (Exception e) {
				sink.error(e);
			}
		}).doFinally(s -> release(factory, shape, own));
		return out.send(chunks);
	}

	private static void release(DefaultHttpDataFactory factory, HttpRequest shape, List<MemoryFileUpload> own) {
		factory.cleanRequestHttpData(shape);
		for (MemoryFileUpload u : own) {
			if (u.refCnt() > 0) {
				u.release();
			}
		}
	}
}
