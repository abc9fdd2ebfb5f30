package io.github.reactorasyncio.http.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Splits a stream of byte chunks into lines at {@code \n} (dropping a {@code \r} before it), across chunk
 * boundaries. Splitting bytes rather than chars is safe for UTF-8 and the ISO-8859 family, where the byte
 * 0x0A never occurs inside a multi-byte character. One instance per stream; not thread-safe.
 */
public final class LineSplitter {

	private final Charset charset;
	private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

	public LineSplitter(Charset charset) {
		this.charset = charset;
	}

	/** @return the lines completed by this chunk */
	public List<String> feed(ByteBuffer chunk) {
		List<String> lines = new ArrayList<>(2);
		while (chunk.hasRemaining()) {
			byte b = chunk.get();
			if (b == '\n') {
				lines.add(take());
			}
			else {
				partial.write(b);
			}
		}
		return lines;
	}

	/** @return the last line if the stream did not end with a newline, else {@code null} */
	public @Nullable String finish() {
		return partial.size() > 0 ? take() : null;
	}

	private String take() {
		byte[] bytes = partial.toByteArray();
		partial.reset();
		int n = bytes.length;
		if (n > 0 && bytes[n - 1] == '\r') {
			n--;
		}
		return new String(bytes, 0, n, charset);
	}
}
