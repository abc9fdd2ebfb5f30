package io.github.reactorasyncio.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The README's example program, {@code scripts/run-example [--url URL]}: fetch a GitHub user as with
 * aiohttp and as with JavaScript's fetch, then fetch 20 users concurrently to show what cooperative
 * scheduling buys. With no arguments it fetches from an embedded local server, so it runs offline; with
 * {@code --url https://api.github.com/users/iliakan} it calls the real address.
 */
public final class Main {

	private Main() {
	}

	/**
	 * Runs the example.
	 *
	 * @param args nothing, or {@code --url URL}
	 * @throws Exception if a request fails
	 */
	public static void main(String[] args) throws Exception {
		String url = null;
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--url") && i + 1 < args.length) {
				url = args[++i];
			}
			else if (!args[i].isBlank()) {
				System.err.println("usage: run-example [--url URL]   (no arguments: an embedded server answers)");
				System.exit(2);
			}
		}
		run(url, System.out);
	}

	/**
	 * The example's body, printing to {@code out}.
	 *
	 * @param url the user's URL, or {@code null} for the embedded server's
	 * @param out where to print
	 * @return the report of the concurrent fetch
	 * @throws Exception if a request fails
	 */
	public static ConcurrentUsers.Report run(@Nullable String url, PrintStream out) throws Exception {
		try (EmbeddedGitHub local = new EmbeddedGitHub()) {
			String userUrl = url != null ? url : local.userUrl("iliakan");
			out.println("1. As with aiohttp: a coroutine opens a ClientSession, awaits the GET, awaits json()");
			out.println("   GET " + userUrl);
			out.println("   " + GitHubUser.withSession(userUrl));
			out.println();
			out.println("2. As with JavaScript: await fetch(url).then(r -> r.json())");
			out.println("   " + GitHubUser.withFetch(userUrl));
			out.println();
			out.println("3. Twenty coroutines on one event loop, each fetching a user from the embedded server:");
			ConcurrentUsers.Report report = ConcurrentUsers.run(local, 20, Duration.ofMillis(200));
			List<String> lines = report.lines();
			lines.forEach(line -> out.println("   " + line));
			return report;
		}
	}
}
