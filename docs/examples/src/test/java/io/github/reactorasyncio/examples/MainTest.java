package io.github.reactorasyncio.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class MainTest {

	@Test
	void printsTheUserTwiceThenTheConcurrentTimeline() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ConcurrentUsers.Report report;
		try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
			report = Main.run(null, out);
		}
		String output = bytes.toString(StandardCharsets.UTF_8);
		assertThat(output).contains("1. As with aiohttp", "2. As with JavaScript", "3. Twenty coroutines");
		// the user document, printed once per style
		assertThat(output.split("\"login\":\"iliakan\"", -1)).hasSize(3);
		assertThat(output).contains("\"name\":\"Ilya Kantor\"");
		assertThat(output).contains("20 users, each answer delayed 200 ms", "one after another it would take 4.0 s");
		assertThat(output.lines().filter(l -> l.matches("\\s+user-\\d\\d\\s+S\\.*A?\\s*"))).hasSize(20);
		assertThat(report.logins()).hasSize(20).startsWith("user-01").endsWith("user-20");
	}

	@Test
	void withUrlItFetchesThatAddress() throws Exception {
		try (EmbeddedGitHub elsewhere = new EmbeddedGitHub()) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
				Main.run(elsewhere.userUrl("octocat"), out);
			}
			String output = bytes.toString(StandardCharsets.UTF_8);
			assertThat(output).contains("GET " + elsewhere.userUrl("octocat"));
			assertThat(output.split("\"login\":\"octocat\"", -1)).hasSize(3);
		}
	}

	@Test
	void everyCoroutineSendsBeforeAnyAnswerIsProcessed() throws Exception {
		try (EmbeddedGitHub server = new EmbeddedGitHub()) {
			ConcurrentUsers.Report report = ConcurrentUsers.run(server, 20, Duration.ofMillis(200));
			List<ConcurrentUsers.Event> events = report.events();
			assertThat(events).hasSize(40);
			// the loop ran all twenty up to their await before resuming any: the requests overlapped
			assertThat(events.subList(0, 20)).allMatch(e -> e.step() == ConcurrentUsers.Step.SENT);
			assertThat(events.subList(20, 40)).allMatch(e -> e.step() == ConcurrentUsers.Step.ANSWERED);
			assertThat(report.logins()).doesNotHaveDuplicates().hasSize(20);
		}
	}

	@Test
	void withSessionAndWithFetchReadTheSameDocument() throws Exception {
		try (EmbeddedGitHub server = new EmbeddedGitHub()) {
			String url = server.userUrl("iliakan");
			assertThat(GitHubUser.withSession(url)).isEqualTo(GitHubUser.withFetch(url));
			assertThat(GitHubUser.withSession(url).get("id").asLong()).isEqualTo(349336);
		}
	}
}
