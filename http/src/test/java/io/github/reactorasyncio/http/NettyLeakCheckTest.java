package io.github.reactorasyncio.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves that the leak check of the other test classes would catch a leak. */
@ExtendWith(NettyLeakCheck.class)
class NettyLeakCheckTest {

	@Test
	void aBufferThatIsNeverReleasedIsReported() {
		leak();
		// the detector reports a leaked buffer once it was collected; bounded retries, as GC timing varies
		boolean reported = false;
		for (int i = 0; i < 10 && !reported; i++) {
			reported = NettyLeakCheck.collect().stream().anyMatch(m -> m.contains("LEAK:"));
		}
		assertThat(reported).as("a leak of a pooled buffer is reported").isTrue();
	}

	private static void leak() {
		ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer(64);
		buf.writeInt(42);
	}
}
