package io.github.reactorasyncio.http.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineSplitterTest {

	@Test
	void splitsAcrossChunksIncludingInsideAMultiByteCharacter() {
		byte[] text = "añb\r\nc€\nlast".getBytes(StandardCharsets.UTF_8);
		LineSplitter splitter = new LineSplitter(StandardCharsets.UTF_8);
		List<String> lines = new ArrayList<>();
		// one byte at a time: every chunk boundary, the middle of 'ñ' and '€' included
		for (byte b : text) {
			lines.addAll(splitter.feed(ByteBuffer.wrap(new byte[] {b})));
		}
		lines.add(splitter.finish());
		assertThat(lines).containsExactly("añb", "c€", "last");
		assertThat(splitter.finish()).isNull();
	}
}
