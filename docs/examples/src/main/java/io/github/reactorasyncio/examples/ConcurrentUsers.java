package io.github.reactorasyncio.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.Task;
import io.github.reactorasyncio.http.ClientResponse;
import io.github.reactorasyncio.http.ClientSession;

/**
 * Why cooperative scheduling matters: n coroutines on one event loop fetch n users from a server that
 * takes {@code delay} to answer each. Every coroutine sends its request and suspends in {@code await};
 * while it waits the loop runs the others, so all n requests are in flight at once and the whole takes
 * about one delay, not n of them. The timeline records when each coroutine ran.
 */
public final class ConcurrentUsers {

	private ConcurrentUsers() {
	}

	/** What a coroutine did when it ran. */
	public enum Step {
		/** Sent its request, then suspended in await. */
		SENT,
		/** Resumed with the answer and parsed it. */
		ANSWERED
	}

	/**
	 * One step of one coroutine.
	 *
	 * @param coroutine e.g. {@code user-07}
	 * @param step what it did
	 * @param nanos when, since the start
	 */
	public record Event(String coroutine, Step step, long nanos) {
	}

	/**
	 * What happened.
	 *
	 * @param logins the logins fetched, in the order the coroutines were started
	 * @param events the steps, in the order the loop ran them
	 * @param total how long it all took
	 * @param delay the server's delay per answer
	 */
	public record Report(List<String> logins, List<Event> events, Duration total, Duration delay) {

		/** @return the report as text: the total, then one line per coroutine showing when it ran */
		public List<String> lines() {
			List<String> out = new ArrayList<>();
			out.add(String.format("%d users, each answer delayed %d ms by the server: %.2f s in all "
					+ "(one after another it would take %.1f s)", logins.size(), delay.toMillis(),
					total.toNanos() / 1e9, delay.multipliedBy(logins.size()).toMillis() / 1e3));
			int width = 40;
			double perColumn = Math.max(1, total.toNanos()) / (double) width;
			out.add(String.format("%-10s0 ms%s%d ms", "coroutine", " ".repeat(width - 8), total.toMillis()));
			for (String login : logins) {
				String name = "user-" + login.substring(login.length() - 2);
				char[] row = new char[width + 1];
				java.util.Arrays.fill(row, ' ');
				int sent = -1;
				int answered = -1;
				for (Event e : events) {
					if (e.coroutine().equals(name)) {
						int col = (int) Math.min(width, e.nanos() / perColumn);
						if (e.step() == Step.SENT) {
							sent = col;
						}
						else {
							answered = col;
						}
					}
				}
				for (int c = sent + 1; c < answered; c++) {
					row[c] = '.';
				}
				row[Math.max(0, sent)] = 'S';
				if (answered >= 0) {
					row[answered] = 'A';
				}
				out.add(String.format("%-10s%s", name, new String(row).stripTrailing()));
			}
			out.add("S = ran: sent its request and suspended in await; . = waiting while the loop ran others; "
					+ "A = ran again: got the answer and parsed it");
			return out;
		}
	}

	/**
	 * Fetches {@code user-01} to {@code user-n} concurrently, one coroutine each, on one event loop.
	 *
	 * @param server where the users are
	 * @param n how many
	 * @param delay how long the server takes to answer each
	 * @return what happened
	 * @throws Exception a {@code ClientException} if a request fails
	 */
	public static Report run(EmbeddedGitHub server, int n, Duration delay) throws Exception {
		return Async.run(() -> {
			try (ClientSession session = ClientSession.create()) {
				// one request first, so that the timeline shows the loop at work rather than class loading
				Async.await(session.get(server.userUrl("warm-up")).flatMap(ClientResponse::read));
				List<Event> events = new ArrayList<>(); // touched only by coroutines of this loop: no lock needed
				long start = System.nanoTime();
				List<Task<String>> tasks = new ArrayList<>();
				for (int i = 1; i <= n; i++) {
					String name = String.format("user-%02d", i);
					String url = server.userUrl(name) + "?delay=" + delay.toMillis();
					tasks.add(Async.createTask(() -> {
						events.add(new Event(name, Step.SENT, System.nanoTime() - start));
						try (ClientResponse response = Async.await(session.get(url))) {
							String login = Async.await(response.json()).get("login").asString();
							events.add(new Event(name, Step.ANSWERED, System.nanoTime() - start));
							return login;
						}
					}, name));
				}
				List<String> logins = new ArrayList<>();
				for (Task<String> task : tasks) {
					logins.add(Async.await(task));
				}
				return new Report(logins, List.copyOf(events), Duration.ofNanos(System.nanoTime() - start), delay);
			}
		});
	}
}
