package io.github.reactorasyncio.http;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One event of a {@code text/event-stream}, as a browser's {@code EventSource} dispatches it: its
 * {@link #event() type} ({@code "message"} unless the server named one), its {@link #data() data} (the
 * {@code data:} lines joined with {@code \n}), the {@link #id() last event ID} (which, as in browsers, stays
 * until the server sends another) and the {@link #retry() reconnection time} the server last asked for.
 * Immutable. Read them with {@link ServerSentEvents}.
 */
public final class ServerSentEvent {

	private final String id;
	private final String event;
	private final String data;
	private final @Nullable Duration retry;

	private ServerSentEvent(String id, String event, String data, @Nullable Duration retry) {
		this.id = id;
		this.event = event;
		this.data = data;
		this.retry = retry;
	}

	/**
	 * Returns an event, as a parser or a test builds one.
	 *
	 * @param id the last event ID, empty if none was sent
	 * @param event the event type, {@code "message"} by default
	 * @param data the data
	 * @param retry the reconnection time the server asked for, or {@code null} if it did not
	 * @return the event
	 */
	public static ServerSentEvent of(String id, String event, String data, @Nullable Duration retry) {
		return new ServerSentEvent(Objects.requireNonNull(id, "id"), Objects.requireNonNull(event, "event"),
				Objects.requireNonNull(data, "data"), retry);
	}

	/**
	 * Returns a {@code "message"} event with this data, no ID and no reconnection time.
	 *
	 * @param data the data
	 * @return the event
	 */
	public static ServerSentEvent message(String data) {
		return of("", "message", data, null);
	}

	/**
	 * Returns the last event ID: the value of the latest {@code id:} field up to this event, empty if none
	 * (browsers' {@code lastEventId}).
	 *
	 * @return the last event ID, empty if none
	 */
	public String id() {
		return id;
	}

	/**
	 * Returns the event type: the {@code event:} field of this event, or {@code "message"}.
	 *
	 * @return the event type
	 */
	public String event() {
		return event;
	}

	/**
	 * Returns the data: the values of this event's {@code data:} lines joined with {@code \n}.
	 *
	 * @return the data
	 */
	public String data() {
		return data;
	}

	/**
	 * Returns the reconnection time of the latest {@code retry:} field up to this event, or {@code null} if the
	 * server sent none.
	 *
	 * @return the reconnection time the server asked for, or {@code null}
	 */
	public @Nullable Duration retry() {
		return retry;
	}

	@Override
	public boolean equals(@Nullable Object o) {
		return o instanceof ServerSentEvent e && id.equals(e.id) && event.equals(e.event) && data.equals(e.data)
				&& Objects.equals(retry, e.retry);
	}

	@Override
	public int hashCode() {
		return Objects.hash(id, event, data, retry);
	}

	@Override
	public String toString() {
		return "ServerSentEvent[" + (id.isEmpty() ? "" : "id=" + id + ", ") + "event=" + event + ", data="
				+ (data.length() <= 60 ? data : data.substring(0, 60) + "… (" + data.length() + " chars)")
				+ (retry == null ? "" : ", retry=" + retry.toMillis() + "ms") + "]";
	}
}
