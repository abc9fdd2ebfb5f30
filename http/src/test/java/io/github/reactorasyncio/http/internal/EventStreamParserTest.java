package io.github.reactorasyncio.http.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.reactorasyncio.http.ServerSentEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link EventStreamParser} against the examples and rules of the WHATWG HTML standard, section 9.2
 * (server-sent events), which is what browsers' {@code EventSource} implements.
 */
class EventStreamParserTest {

	private static List<ServerSentEvent> parse(String stream) {
		return parse(stream.getBytes(StandardCharsets.UTF_8));
	}

	private static List<ServerSentEvent> parse(byte[] stream) {
		return new EventStreamParser(1 << 20).feed(ByteBuffer.wrap(stream));
	}

	@Test
	void dataLinesAreJoinedWithNewlines() {
		// the standard's stock-ticker example
		assertThat(parse("data: YHOO\ndata: +2\ndata: 10\n\n")).containsExactly(ServerSentEvent.message("YHOO\n+2\n10"));
	}

	@Test
	void commentsAreIgnoredAndTheLastIdStaysUntilChanged() {
		// the standard's second example: the id applies to the events after it too
		String stream = ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n";
		assertThat(parse(stream)).containsExactly(ServerSentEvent.of("1", "message", "first event", null),
				ServerSentEvent.of("", "message", "second event", null),
				ServerSentEvent.of("", "message", " third event", null));
	}

	@Test
	void anEmptyDataFieldMakesAnEventAndAnUnfinishedOneIsDropped() {
		// the standard's third example: two events, "" and "\n"; the last "data:" has no blank line after it
		assertThat(parse("data\n\ndata\ndata\n\ndata:")).containsExactly(ServerSentEvent.message(""),
				ServerSentEvent.message("\n"));
	}

	@Test
	void aSpaceAfterTheColonIsDroppedOnce() {
		// the standard's fourth example: both are "test"
		assertThat(parse("data:test\n\ndata: test\n\n")).containsExactly(ServerSentEvent.message("test"),
				ServerSentEvent.message("test"));
	}

	@Test
	void crLfAndCrAndLfAllEndLines() {
		assertThat(parse("data: a\r\ndata: b\rdata: c\n\r\n")).containsExactly(ServerSentEvent.message("a\nb\nc"));
	}

	@Test
	void eventTypeRetryAndUnknownFields() {
		assertThat(parse("event: tick\nretry: 1500\nfoo: bar\ndata: 1\n\ndata: 2\n\nretry: soon\ndata: 3\n\n"))
				.containsExactly(ServerSentEvent.of("", "tick", "1", Duration.ofMillis(1500)),
						ServerSentEvent.of("", "message", "2", Duration.ofMillis(1500)),
						ServerSentEvent.of("", "message", "3", Duration.ofMillis(1500)));
	}

	@Test
	void anEventWithoutDataIsNotDispatchedAndResetsTheType() {
		assertThat(parse("event: lonely\n\ndata: x\n\n")).containsExactly(ServerSentEvent.message("x"));
	}

	@Test
	void anIdWithANulIsIgnored() {
		assertThat(parse("id: 5\ndata: a\n\nid: 6\0\ndata: b\n\n")).extracting(ServerSentEvent::id)
				.containsExactly("5", "5");
	}

	@Test
	void aLeadingBomIsDroppedOnlyAtTheStart() {
		byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
		byte[] body = "data: x\n\n".getBytes(StandardCharsets.UTF_8);
		byte[] stream = new byte[bom.length + body.length];
		System.arraycopy(bom, 0, stream, 0, 3);
		System.arraycopy(body, 0, stream, 3, body.length);
		assertThat(parse(stream)).containsExactly(ServerSentEvent.message("x"));
	}

	@Test
	void anEventOverTheLimitFails() {
		EventStreamParser parser = new EventStreamParser(100);
		assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(("data: " + "x".repeat(101) + "\n\n").getBytes())))
				.isInstanceOf(EventStreamParser.EventTooLargeException.class);
		EventStreamParser lines = new EventStreamParser(100);
		assertThatThrownBy(() -> lines.feed(ByteBuffer.wrap("data: xxxxxxxxxx\n".repeat(10).getBytes())))
				.isInstanceOf(EventStreamParser.EventTooLargeException.class);
	}

	@Test
	void commentLinesDoNotCountTowardsTheLimit() {
		EventStreamParser parser = new EventStreamParser(100);
		for (int i = 0; i < 1000; i++) {
			assertThat(parser.feed(ByteBuffer.wrap(": keep-alive\n".getBytes()))).isEmpty();
		}
		assertThat(parser.feed(ByteBuffer.wrap("data: x\n\n".getBytes()))).containsExactly(ServerSentEvent.message("x"));
	}

	/**
	 * Splitting the stream into chunks anywhere (inside a CRLF, inside a UTF-8 character) gives the same events.
	 * Seeded; replay one seed with {@code -Dsse.seed=N}.
	 */
	@Test
	void chunkBoundariesAnywhereGiveTheSameEvents() {
		byte[] stream = ("\uFEFFid: 1\r\nevent: größe\r\ndata: héllo 🌍\r\ndata: two\r\r: c\n"
				+ "retry: 20\ndata: ok\n\n").getBytes(StandardCharsets.UTF_8);
		List<ServerSentEvent> whole = parse(stream);
		assertThat(whole).containsExactly(ServerSentEvent.of("1", "größe", "héllo 🌍\ntwo", null),
				ServerSentEvent.of("1", "message", "ok", Duration.ofMillis(20)));
		long only = Long.getLong("sse.seed", -1);
		for (long seed = only >= 0 ? only : 0; seed < (only >= 0 ? only + 1 : 500); seed++) {
			Random random = new Random(seed);
			EventStreamParser parser = new EventStreamParser(1 << 20);
			List<ServerSentEvent> got = new ArrayList<>();
			int i = 0;
			while (i < stream.length) {
				int n = 1 + random.nextInt(Math.min(8, stream.length - i));
				got.addAll(parser.feed(ByteBuffer.wrap(stream, i, n)));
				i += n;
			}
			assertThat(got).as("seed %d (replay with -Dsse.seed=%d)", seed, seed).isEqualTo(whole);
		}
	}
}
