package io.github.reactorasyncio.http.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.http.ServerSentEvent;
import org.jspecify.annotations.Nullable;

/**
 * Parses a {@code text/event-stream} as the WHATWG HTML standard's "event stream interpretation" says
 * (section 9.2.6): lines end at CRLF, LF or CR, also across chunks; a leading BOM is dropped; {@code :} starts
 * a comment; a blank line dispatches the event, unless it has no data; an event not ended by a blank line
 * when the stream ends is dropped. Lines are split as bytes, which is safe for UTF-8 (CR and LF never occur
 * inside a multi-byte character), and decoded with replacement of malformed input, as browsers do. One
 * instance per stream; not thread-safe.
 */
public final class EventStreamParser {

	private final int maxEventBytes;
	private final ByteArrayOutputStream line = new ByteArrayOutputStream();
	private boolean afterCr;
	private boolean firstLine = true;

	private final StringBuilder data = new StringBuilder();
	private String eventType = "";
	private String lastEventId = "";
	private @Nullable Duration retry;

	/**
	 * @param maxEventBytes the most one event may take: its data so far (in chars) and the line being read (in
	 *        bytes)
	 */
	public EventStreamParser(int maxEventBytes) {
		this.maxEventBytes = maxEventBytes;
	}

	/**
	 * @return the events this chunk completed
	 * @throws EventTooLargeException if an event grows past the limit
	 */
	public List<ServerSentEvent> feed(ByteBuffer chunk) {
		List<ServerSentEvent> events = new ArrayList<>(1);
		while (chunk.hasRemaining()) {
			byte b = chunk.get();
			if (afterCr) {
				afterCr = false;
				if (b == '\n') {
					continue;
				}
			}
			if (b == '\r') {
				afterCr = true;
				endOfLine(events);
			}
			else if (b == '\n') {
				endOfLine(events);
			}
			else {
				line.write(b);
				if (line.size() + data.length() > maxEventBytes) {
					throw new EventTooLargeException(maxEventBytes);
				}
			}
		}
		return events;
	}

	private void endOfLine(List<ServerSentEvent> events) {
		byte[] bytes = line.toByteArray();
		line.reset();
		int start = 0;
		if (firstLine) {
			firstLine = false;
			if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
				start = 3;
			}
		}
		if (bytes.length == start) {
			dispatch(events);
			return;
		}
		String s = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
		if (s.charAt(0) == ':') {
			return;
		}
		int colon = s.indexOf(':');
		String field = colon < 0 ? s : s.substring(0, colon);
		String value = "";
		if (colon >= 0) {
			int from = colon + 1 < s.length() && s.charAt(colon + 1) == ' ' ? colon + 2 : colon + 1;
			value = s.substring(from);
		}
		switch (field) {
			case "event" -> eventType = value;
			case "data" -> data.append(value).append('\n');
			case "id" -> {
				if (value.indexOf('\0') < 0) {
					lastEventId = value;
				}
			}
			case "retry" -> {
				if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
					// more digits than a long holds is no time a server means; ignored like other invalid values
					if (value.length() <= 15) {
						retry = Duration.ofMillis(Long.parseLong(value));
					}
				}
			}
			default -> {
				// unknown fields are ignored, as the standard says
			}
		}
	}

	private void dispatch(List<ServerSentEvent> events) {
		if (data.isEmpty()) {
			eventType = "";
			return;
		}
		data.setLength(data.length() - 1);
		events.add(ServerSentEvent.of(lastEventId, eventType.isEmpty() ? "message" : eventType, data.toString(),
				retry));
		data.setLength(0);
		eventType = "";
	}

	/** An event grew past the parser's limit. */
	public static final class EventTooLargeException extends IllegalStateException {

		private static final long serialVersionUID = 1L;

		/** The limit it passed. */
		public final int limit;

		EventTooLargeException(int limit) {
			super("event larger than " + limit + " bytes");
			this.limit = limit;
		}
	}
}
