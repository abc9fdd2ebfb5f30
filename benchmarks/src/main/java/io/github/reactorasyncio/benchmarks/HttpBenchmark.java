package io.github.reactorasyncio.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.Task;
import io.github.reactorasyncio.http.ClientResponse;
import io.github.reactorasyncio.http.ClientSession;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * {@code ClientSession} used from coroutines beside raw Reactor Netty {@code HttpClient}, at 64 concurrent
 * GETs of a small JSON document from a Reactor Netty server on 127.0.0.1, in one run:
 * <ul>
 *   <li>{@code sessionBatch} vs {@code rawBatch}: requests/s. One invocation is 64 requests in flight at
 *   once: 64 coroutines on one loop, each {@code try (r = await(session.get(url))) { await(r.text()); }},
 *   against {@code Flux.range(0, 64).flatMap(i -> client.get()...responseSingle(...asString()), 64)}.</li>
 *   <li>{@code rawFromCoroutinesBatch}: the raw client's Monos awaited by 64 coroutines, which separates what
 *   the coroutines cost from what the session costs.</li>
 *   <li>{@code sessionRequest} vs {@code rawRequest}: latency percentiles (p99) of one request while 64
 *   JMH threads each keep one request in flight; the session's runs as a coroutine on one shared loop.</li>
 * </ul>
 * Both clients have pools of 64 connections to the same server. The session runs with its defaults
 * (total/read timeouts armed, gzip accepted), so its score includes what those cost.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class HttpBenchmark {

	static final int CONCURRENCY = 64;
	static final String BODY = "{\"login\":\"iliakan\",\"id\":349336,\"name\":\"Ilya Kantor\"}";

	DisposableServer server;
	ClientSession session;
	ConnectionProvider rawProvider;
	HttpClient raw;
	EventLoop loop;
	String url;

	@Setup(Level.Trial)
	public void setUp() {
		server = HttpServer.create().host("127.0.0.1").port(0)
				.handle((req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
						.sendString(Mono.just(BODY)))
				.bindNow();
		url = "http://127.0.0.1:" + server.port() + "/users/iliakan";
		session = ClientSession.builder().maxConnections(CONCURRENCY).build();
		rawProvider = ConnectionProvider.builder("raw-benchmark").maxConnections(CONCURRENCY)
				.pendingAcquireMaxCount(-1).build();
		raw = HttpClient.create(rawProvider);
		loop = EventLoop.create();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		loop.close();
		session.close();
		rawProvider.disposeLater().block(Duration.ofSeconds(10));
		server.disposeNow(Duration.ofSeconds(10));
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	@OperationsPerInvocation(CONCURRENCY)
	public int sessionBatch() throws Exception {
		return loop.run(() -> {
			List<Task<String>> tasks = new ArrayList<>(CONCURRENCY);
			for (int i = 0; i < CONCURRENCY; i++) {
				tasks.add(Async.createTask(this::fetchWithSession));
			}
			int length = 0;
			for (Task<String> t : tasks) {
				length += Async.await(t).length();
			}
			return length;
		});
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	@OperationsPerInvocation(CONCURRENCY)
	public int rawBatch() {
		return Flux.range(0, CONCURRENCY)
				.flatMap(i -> fetchRaw(), CONCURRENCY)
				.map(String::length)
				.reduce(0, Integer::sum)
				.block(Duration.ofSeconds(30));
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	@OperationsPerInvocation(CONCURRENCY)
	public int rawFromCoroutinesBatch() throws Exception {
		return loop.run(() -> {
			List<Task<String>> tasks = new ArrayList<>(CONCURRENCY);
			for (int i = 0; i < CONCURRENCY; i++) {
				tasks.add(Async.createTask(() -> Async.await(fetchRaw())));
			}
			int length = 0;
			for (Task<String> t : tasks) {
				length += Async.await(t).length();
			}
			return length;
		});
	}

	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	@Threads(CONCURRENCY)
	public String sessionRequest() throws Exception {
		return Async.mono(loop, this::fetchWithSession).block(Duration.ofSeconds(30));
	}

	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	@Threads(CONCURRENCY)
	public String rawRequest() {
		return fetchRaw().block(Duration.ofSeconds(30));
	}

	private String fetchWithSession() throws Exception {
		try (ClientResponse response = Async.await(session.get(url))) {
			return Async.await(response.text());
		}
	}

	private Mono<String> fetchRaw() {
		return raw.get().uri(url).responseSingle((res, body) -> body.asString());
	}
}
