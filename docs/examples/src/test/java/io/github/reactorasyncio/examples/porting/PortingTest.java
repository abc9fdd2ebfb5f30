package io.github.reactorasyncio.examples.porting;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.reactorasyncio.http.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every program of docs/porting-from-python.md. Where the page shows the Python it ports, the outcome
 * asserted here is what that Python prints (run with python3.11).
 */
@Timeout(30)
class PortingTest {

	private static DisposableServer server;
	private static ClientSession session;

	@BeforeAll
	static void server() {
		server = HttpServer.create().host("127.0.0.1").port(0).route(routes -> routes
				.get("/users/ada", (req, res) -> res.header("Content-Type", "application/json")
						.sendString(Mono.just("{\"login\":\"ada\",\"id\":1}")))
				.get("/users", (req, res) -> res.header("Content-Type", "application/json")
						.sendString(Mono.just("[{\"login\":\"ada\",\"id\":1},{\"login\":\"alan\",\"id\":2}]")))
				.get("/nothing", (req, res) -> res.header("Content-Type", "application/json")
						.sendString(Mono.just("null")))
				.route(req -> req.uri().startsWith("/echo"), (req, res) -> res.sendString(
						req.receive().aggregate().asString().defaultIfEmpty("")
								.map(body -> req.method() + " " + req.uri() + " content-length="
										+ req.requestHeaders().get("Content-Length") + " body=" + body.length()))))
				.bindNow();
		session = ClientSession.builder().baseUrl("http://127.0.0.1:" + server.port() + "/").build();
	}

	@AfterAll
	static void stop() {
		session.close();
		server.disposeNow();
	}

	/*
	 * queue = asyncio.Queue(); pages = []
	 * for u in urls: queue.put_nowait(u)
	 * async def worker(): while True: u = await queue.get(); pages.append(u); queue.task_done()
	 * tasks = [asyncio.create_task(worker()) for _ in range(3)]
	 * await queue.join(); [t.cancel() for t in tasks]; await asyncio.gather(*tasks, return_exceptions=True)
	 * -> every URL fetched exactly once
	 */
	@Test
	void queueWithWorkersFetchesEveryUrlOnce() throws Exception {
		List<String> urls = IntStream.range(0, 10).mapToObj(i -> "u" + i).toList();
		assertThat(Toolkit.queueWithWorkers(urls, 3))
				.containsExactlyInAnyOrderElementsOf(urls.stream().map(u -> "<" + u + ">").toList());
	}

	/* Python, 10 downloads under asyncio.Semaphore(3), each awaiting a sleep: at most 3 in flight, printed 3. */
	@Test
	void theSemaphoreLetsExactlyItsLimitIn() throws Exception {
		List<String> urls = IntStream.range(0, 10).mapToObj(i -> "u" + i).toList();
		assertThat(Toolkit.semaphoreLimitingDownloads(urls, 3)).isEqualTo(3);
	}

	@Test
	void theEventWakesTheWaiter() throws Exception {
		assertThat(Toolkit.event()).isEqualTo("the event was set");
	}

	/* Python: wait_for(task, 0.05) raises TimeoutError and task.cancelled() is True afterwards. */
	@Test
	void waitForCancelsTheSlowTask() throws Exception {
		assertThat(Toolkit.waitForACoroutine()).isEqualTo("timed out; the task was cancelled: true");
	}

	/* Python: async with asyncio.timeout(None) as cm: cm.reschedule(...) -> TimeoutError, cm.expired() True. */
	@Test
	void aTimeoutWithNoDeadlineGetsOneLater() throws Exception {
		assertThat(Toolkit.timeoutNoneThenReschedule()).isEqualTo("expired: true");
	}

	@Test
	void gatherOverMonosKeepsTheOrder() throws Exception {
		assertThat(Toolkit.gatherMonos()).containsExactly("<a>", "<b>");
	}

	@Test
	void asyncForSumsTheFlux() throws Exception {
		assertThat(Toolkit.asyncForOverAFlux()).isEqualTo(15);
	}

	@Test
	void theGeneratorEmitsOnDemand() {
		StepVerifier.create(Toolkit.countdown(3), 1).expectNext(3).thenRequest(2).expectNext(2, 1)
				.verifyComplete();
	}

	@Test
	void theBodyIsReadOnce() throws Exception {
		assertThat(Aiohttp.bodyReadOnce(session))
				.isEqualTo("the body is read once; keep what the first read gave: {\"login\":\"ada\",\"id\":1}");
	}

	@Test
	void aPostWithoutABodySendsAnEmptyOne() throws Exception {
		assertThat(Aiohttp.postWithoutABody(session)).startsWith("POST /echo ").endsWith(" body=0");
	}

	@Test
	void queryParametersAreEncoded() throws Exception {
		assertThat(Aiohttp.queryParameters(session)).startsWith("GET /echo?q=async%20io&page=2 ");
	}

	@Test
	void jsonGivesWhatTheTypeAsksFor() throws Exception {
		List<Object> results = Aiohttp.json(session);
		assertThat(results.get(0)).isEqualTo(new Aiohttp.User("ada", 1));
		assertThat(results.get(1)).isEqualTo(Map.of("login", "ada", "id", 1));
		assertThat(results.get(2)).isEqualTo(List.of(new Aiohttp.User("ada", 1), new Aiohttp.User("alan", 2)));
		assertThat(results.get(3)).isNull();
	}
}
