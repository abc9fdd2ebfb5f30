package io.github.reactorasyncio;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StreamReader} against asyncio's. The Python outcomes were checked with python3.11:
 * <pre>
 * r = asyncio.StreamReader(limit=8); r.feed_data(b"ab\ncd"); r.feed_eof()
 * await r.readline(), await r.readline(), await r.readline()      # b'ab\n' b'cd' b''
 * r.feed_data(b"abc"); r.feed_eof(); await r.readexactly(5)       # IncompleteReadError(b'abc', 5), at_eof()
 * r.feed_data(b"0123456789abcdef\nok\n"); await r.readline()     # ValueError (overrun), then b'ok\n'
 * r.feed_data(b"0123456789"); await r.readuntil(b"!")             # LimitOverrunError(consumed=10), read(3) b'012'
 * r.feed_data(b"xy"); r.feed_eof(); await r.readuntil(b"!")       # IncompleteReadError(b'xy', None), at_eof()
 * </pre>
 */
@Timeout(30)
@ExtendWith(LoopPerTest.class)
class StreamReaderTest {

	@LoopPerTest.Loop
	private EventLoop loop;
	@RegisterExtension
	final Steps steps = new Steps();

	private static byte[] b(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	private static String s(byte[] b) {
		return new String(b, StandardCharsets.UTF_8);
	}

	private static StreamReader limited(int limit) {
		return StreamReader.create(limit, null);
	}

	@Test
	void readLineReturnsALastLineWithoutNewlineThenEmpty() throws Exception {
		List<String> got = loop.run(() -> {
			StreamReader r = limited(8);
			r.feedData(b("ab\ncd"));
			r.feedEof();
			return List.of(s(r.readLine()), s(r.readLine()), s(r.readLine()));
		});
		assertThat(got).containsExactly("ab\n", "cd", "");
	}

	@Test
	void readExactlyFailsWithThePartialBytesAtTheEnd() throws Exception {
		Object[] got = loop.run(() -> {
			StreamReader r = limited(8);
			r.feedData(b("abc"));
			r.feedEof();
			try {
				r.readExactly(5);
				return null;
			}
			catch (IncompleteReadException e) {
				return new Object[] {s(e.partial()), e.expected(), r.atEof()};
			}
		});
		assertThat(got).containsExactly("abc", 5, true);
	}

	@Test
	void anOverlongLineIsDroppedAndTheNextOneRead() throws Exception {
		List<String> got = loop.run(() -> {
			StreamReader r = limited(8);
			r.feedData(b("0123456789abcdef\nok\n"));
			List<String> out = new ArrayList<>();
			try {
				r.readLine();
			}
			catch (LimitOverrunException e) {
				out.add(e.getMessage());
			}
			out.add(s(r.readLine()));
			return out;
		});
		assertThat(got.get(0)).startsWith("Separator is found, but chunk is longer than limit");
		assertThat(got.get(1)).isEqualTo("ok\n");
	}

	@Test
	void readUntilBeyondTheLimitLeavesTheData() throws Exception {
		List<Object> got = loop.run(() -> {
			StreamReader r = limited(8);
			r.feedData(b("0123456789"));
			List<Object> out = new ArrayList<>();
			try {
				r.readUntil(b("!"));
			}
			catch (LimitOverrunException e) {
				out.add(e.consumed());
			}
			out.add(s(r.read(3)));
			return out;
		});
		assertThat(got).containsExactly(10, "012");
	}

	@Test
	void readUntilAtTheEndEmptiesTheBufferIntoThePartial() throws Exception {
		List<Object> got = loop.run(() -> {
			StreamReader r = StreamReader.create();
			r.feedData(b("xy"));
			r.feedEof();
			List<Object> out = new ArrayList<>();
			try {
				r.readUntil(b("!"));
			}
			catch (IncompleteReadException e) {
				out.add(s(e.partial()));
				out.add(e.expected());
			}
			out.add(r.atEof());
			out.add(r.read(-1).length);
			return out;
		});
		assertThat(got).containsExactly("xy", -1, true, 0);
	}

	@Test
	void aReadSuspendsUntilDataIsFedAcrossChunks() throws Exception {
		List<String> got = loop.run(() -> {
			StreamReader r = StreamReader.create();
			Task<String> reader = Async.createTask(() -> {
				steps.add("reading");
				String line = s(r.readUntil(b("\r\n")));
				steps.add("read " + line.strip());
				return line;
			});
			Async.yieldNow();
			steps.add("feed 1");
			r.feedData(b("hel"));
			Async.yieldNow();
			steps.add("feed 2");
			r.feedData(b("lo\r"));
			Async.yieldNow();
			steps.add("feed 3");
			r.feedData(b("\nrest"));
			Async.await(reader);
			return List.of(s(r.read(100)));
		});
		assertThat(steps).containsExactly("reading", "feed 1", "feed 2", "feed 3", "read hello");
		assertThat(got).containsExactly("rest");
	}

	@Test
	void aFedExceptionFailsTheWaitingReadAndTheLaterOnesWithTheSameInstance() throws Exception {
		java.io.IOException broken = new java.io.IOException("pipe broke");
		List<Object> got = loop.run(() -> {
			StreamReader r = StreamReader.create();
			Task<byte[]> reader = Async.createTask(() -> r.read(10));
			Async.yieldNow();
			r.setException(broken);
			List<Object> out = new ArrayList<>();
			try {
				Async.await(reader);
			}
			catch (java.io.IOException e) {
				out.add(e);
			}
			try {
				r.readLine();
			}
			catch (java.io.IOException e) {
				out.add(e);
			}
			return out;
		});
		assertThat(got).containsExactly(broken, broken);
	}

	@Test
	void aCancelledReadLeavesTheDataForTheNextReader() throws Exception {
		List<Object> got = loop.run(() -> {
			StreamReader r = StreamReader.create();
			Task<byte[]> first = Async.createTask(() -> r.readExactly(4));
			Async.yieldNow();
			r.feedData(b("ab"));
			first.cancel();
			List<Object> out = new ArrayList<>();
			try {
				Async.await(first);
			}
			catch (CancelledError e) {
				out.add("cancelled");
			}
			r.feedData(b("cd"));
			out.add(s(r.readExactly(4)));
			return out;
		});
		assertThat(got).containsExactly("cancelled", "abcd");
	}

	@Test
	void twoReadersAtOnceIsAnError() throws Exception {
		String message = loop.run(() -> {
			StreamReader r = StreamReader.create();
			Task<byte[]> first = Async.createTask(() -> r.read(1));
			Async.yieldNow();
			try {
				r.read(1);
				return "no error";
			}
			catch (IllegalStateException e) {
				first.cancel();
				return e.getMessage();
			}
		});
		assertThat(message).contains("another coroutine is already waiting");
	}

	@Test
	void flowControlPausesOverTwiceTheLimitAndResumesUnderIt() throws Exception {
		List<String> flow = new ArrayList<>();
		loop.run(() -> {
			StreamReader r = StreamReader.create(4, new StreamReader.FlowControl() {
				@Override
				public void pauseReading() {
					flow.add("pause");
				}

				@Override
				public void resumeReading() {
					flow.add("resume");
				}
			});
			r.feedData(b("12345678"));
			flow.add("8 buffered");
			r.feedData(b("9"));
			flow.add("9 buffered");
			r.read(4);
			flow.add("5 buffered");
			r.read(1);
			return null;
		});
		assertThat(flow).containsExactly("8 buffered", "pause", "9 buffered", "5 buffered", "resume");
	}
}
