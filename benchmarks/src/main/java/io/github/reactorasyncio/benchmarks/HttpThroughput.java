package io.github.reactorasyncio.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.EventLoopGroup;
import io.github.reactorasyncio.Task;
import io.github.reactorasyncio.http.ClientResponse;
import io.github.reactorasyncio.http.ClientSession;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP cost per request on one core (issue 14 §1, and the HTTP half of §3): throughput, process CPU time per
 * request and latency percentiles of several clients against one canned-response server, side by side in one run.
 *
 * <p>This JVM runs the server (a Reactor Netty {@code HttpServer} on 127.0.0.1 answering every GET with the same
 * small JSON document); {@code benchmarks/run http-throughput} starts it pinned to core 0 with {@code taskset}.
 * Each client runs in its own child JVM, pinned to core 1 ({@code taskset -c 1}, when {@code taskset} exists), so
 * that the child's process CPU time ({@code OperatingSystemMXBean#getProcessCpuTime}) is what that client spends,
 * JIT and GC included. Every client sends the same GETs, {@code concurrency} in flight, and parses each body as
 * JSON with Jackson 3 ({@code readTree}):
 * <ul>
 *   <li>{@code raw}: Reactor Netty {@code HttpClient} with its defaults ({@code flatMap} with the concurrency);</li>
 *   <li>{@code raw-1io}: the same with {@code -Dreactor.netty.ioWorkerCount=1}, the best raw configuration on one core;</li>
 *   <li>{@code session}: {@code ClientSession} from coroutines, {@code concurrency} tasks on one {@code EventLoop},
 *   each {@code try (r = await(session.get(url))) { await(r.json()); }} in a loop;</li>
 *   <li>{@code session-2loops}: the same with an {@code EventLoopGroup} of 2 loops, half of the tasks on each
 *   ({@code session-Nloops}, not run unless asked for: {@code N} loops, the tasks shared out between them).</li>
 * </ul>
 * Both raw and session clients have a pool of {@code concurrency} connections. Each client does {@code warmup}
 * rounds, then {@code rounds} measured rounds of {@code requests} requests; the table gives each figure's median
 * over the measured rounds. Latency is from the start of a request to its body parsed.
 *
 * <p>{@code --baseline JAR} also runs the session clients with the library of another build of the benchmarks jar
 * (any older commit: this harness's classes are put before it on the class path), labelled {@code -before}, for
 * before/after ratios in the same run. All client JVMs are started first and take their rounds in turn, so that
 * the machine's load drifting over a run hits them alike.
 * {@code --jfr DIR} records a JFR profile of each client JVM into DIR. Results go to
 * {@code benchmarks/results/http-throughput.json} (or {@code --out FILE}).
 */
public final class HttpThroughput {

	static final String BODY = "{\"login\":\"iliakan\",\"id\":349336,\"node_id\":\"MDQ6VXNlcjM0OTMzNg==\","
			+ "\"name\":\"Ilya Kantor\",\"company\":null,\"public_repos\":42,\"followers\":3914,\"site_admin\":false}";
	static final List<String> ALL_CLIENTS = List.of("raw", "raw-1io", "raw-coroutines", "session", "session-2loops");

	private HttpThroughput() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("client")) {
			client(args);
			return;
		}
		Map<String, String> opts = options(args);
		int requests = Integer.parseInt(opts.getOrDefault("requests", "20000"));
		int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "64"));
		int warmup = Integer.parseInt(opts.getOrDefault("warmup", "3"));
		int rounds = Integer.parseInt(opts.getOrDefault("rounds", "5"));
		String cpus = opts.getOrDefault("client-cpus", "1");
		List<String> clients = opts.containsKey("clients") ? List.of(opts.get("clients").split(",")) : ALL_CLIENTS;
		Path out = Path.of(opts.getOrDefault("out", "benchmarks/results/http-throughput.json"));
		String baseline = opts.get("baseline");
		String jfr = opts.get("jfr");
		boolean taskset = Files.isExecutable(Path.of("/usr/bin/taskset")) || Files.isExecutable(Path.of("/bin/taskset"));
		if (!taskset) {
			System.err.println("taskset not found: the server and the clients are not pinned to cores");
		}

		byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
		DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
				.handle((req, res) -> res.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
						.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
						.sendByteArray(Mono.just(body)))
				.bindNow();
		List<Map<String, Object>> results = new ArrayList<>();
		try {
			String url = "http://127.0.0.1:" + server.port() + "/users/iliakan";
			List<String[]> runs = new ArrayList<>();
			for (String c : clients) {
				runs.add(new String[] {c, c, System.getProperty("java.class.path")});
				if (baseline != null && c.startsWith("session")) {
					runs.add(new String[] {c + "-before", c, baseline});
				}
			}
			List<Child> children = new ArrayList<>();
			for (String[] run : runs) {
				List<String> cmd = new ArrayList<>();
				if (taskset) {
					cmd.addAll(List.of("taskset", "-c", cpus));
				}
				cmd.add(ProcessHandle.current().info().command().orElse("java"));
				cmd.addAll(List.of("-Xms512m", "-Xmx512m", "-Dio.netty.leakDetection.level=disabled"));
				if (opts.containsKey("jvm")) {
					cmd.addAll(List.of(opts.get("jvm").trim().split("\\s+")));
				}
				if (run[1].equals("raw-1io") || run[1].equals("raw-coroutines")) {
					cmd.add("-Dreactor.netty.ioWorkerCount=1");
				}
				if (jfr != null) {
					Files.createDirectories(Path.of(jfr));
					cmd.add("-XX:StartFlightRecording=filename=" + Path.of(jfr, run[0] + ".jfr").toAbsolutePath()
							+ ",settings=profile");
				}
				// the baseline's library with this harness: its own copy of this class may be older, or missing
				String cp = run[2].equals(baseline) ? harnessClasses() + java.io.File.pathSeparator + baseline : run[2];
				cmd.addAll(List.of("-cp", cp, HttpThroughput.class.getName(), "client", run[1], url,
						Integer.toString(requests), Integer.toString(concurrency), Integer.toString(warmup),
						Integer.toString(rounds)));
				children.add(new Child(run[0], cmd));
			}
			// every client JVM is started and idle; the rounds are taken in turn, so that a change in the machine's
			// load over the minutes of a run hits every client alike rather than the ones that ran during it
			for (int r = 0; r < warmup + rounds; r++) {
				for (Child c : children) {
					c.round();
				}
			}
			for (Child c : children) {
				results.add(c.finish());
			}
		}
		finally {
			server.disposeNow(Duration.ofSeconds(10));
			if (harnessClasses != null) {
				try (var files = Files.walk(Path.of(harnessClasses))) {
					files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
				}
			}
		}
		String uptime = uptime();
		StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
				"%d GETs per round, %d in flight, median of %d rounds after %d warm-up; clients on cpu %s; load: %s%n"
						+ "%-22s %10s %14s %10s %10s %11s %12s%n", requests, concurrency, rounds, warmup, cpus, uptime,
				"client", "req/s", "CPU us/req", "p50 us", "p99 us", "ctx sw/req", "alloc B/req"));
		StringBuilder json = new StringBuilder("{\"requests\": " + requests + ", \"concurrency\": " + concurrency
				+ ", \"rounds\": " + rounds + ", \"warmup\": " + warmup + ", \"clientCpus\": \"" + cpus
				+ "\", \"load\": \"" + uptime + "\", \"clients\": [");
		for (int i = 0; i < results.size(); i++) {
			Map<String, Object> r = results.get(i);
			table.append(String.format(Locale.ROOT, "%-22s %10.0f %14.1f %10.0f %10.0f %11.2f %12.0f%n", r.get("client"),
					r.get("reqPerSec"), r.get("cpuMicrosPerReq"), r.get("p50Micros"), r.get("p99Micros"),
					r.get("switchesPerReq"), r.get("allocPerReq")));
			json.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT,
					"{\"client\": \"%s\", \"reqPerSec\": %.0f, \"cpuMicrosPerReq\": %.1f, \"p50Micros\": %.0f, "
							+ "\"p99Micros\": %.0f, \"contextSwitchesPerReq\": %.2f, \"allocatedBytesPerReq\": %.0f}", r.get("client"),
					r.get("reqPerSec"), r.get("cpuMicrosPerReq"), r.get("p50Micros"), r.get("p99Micros"),
					r.get("switchesPerReq"), r.get("allocPerReq")).replace("NaN", "null"));
		}
		json.append("]}\n");
		System.out.print(table);
		if (out.getParent() != null) {
			Files.createDirectories(out.getParent());
		}
		Files.writeString(out, json);
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> opts = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("Usage: HttpThroughput [--requests N] [--concurrency N] "
						+ "[--warmup N] [--rounds N] [--clients raw,raw-1io,session,session-2loops] "
						+ "[--client-cpus 1] [--jvm 'extra client JVM options'] [--baseline OLD_BENCHMARKS_JAR] [--jfr DIR] [--out FILE]; got " + args[i]);
			}
			opts.put(args[i].substring(2), args[++i]);
		}
		return opts;
	}

	private static String uptime() {
		try {
			String load = Files.readString(Path.of("/proc/loadavg")).trim();
			return String.join(" ", Arrays.copyOf(load.split(" "), 3)) + " on "
					+ Runtime.getRuntime().availableProcessors() + " cpus visible to the server";
		}
		catch (IOException e) {
			return "unknown";
		}
	}

	/**
	 * One client JVM. It does a round when told ({@code go} on its standard input) and prints one line for it, so
	 * the parent can take the clients' rounds in turn.
	 */
	static final class Child {
		final String label;
		final Process process;
		final BufferedReader out;
		final java.io.Writer in;
		final List<double[]> rounds = new ArrayList<>();

		Child(String label, List<String> cmd) throws IOException {
			System.err.println("starting " + label + ": " + String.join(" ", cmd));
			this.label = label;
			this.process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
			this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			this.in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		}

		void round() throws IOException {
			in.write("go\n");
			in.flush();
			String line;
			while ((line = out.readLine()) != null) {
				System.err.println("  [" + label + "] " + line);
				if (line.startsWith("ROUND ")) {
					rounds.add(Arrays.stream(line.substring(6).trim().split(" ")).mapToDouble(Double::parseDouble)
							.toArray());
					return;
				}
				if (line.startsWith("warmup ")) {
					return;
				}
			}
			throw new IllegalStateException("client " + label + " ended before its round, see its output above");
		}

		Map<String, Object> finish() throws Exception {
			in.close();
			String line;
			while ((line = out.readLine()) != null) {
				System.err.println("  [" + label + "] " + line);
			}
			if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0 || rounds.isEmpty()) {
				process.destroyForcibly();
				throw new IllegalStateException("client " + label + " failed, see its output above");
			}
			Map<String, Object> r = new LinkedHashMap<>();
			r.put("client", label);
			r.put("reqPerSec", median(rounds, 0));
			r.put("cpuMicrosPerReq", median(rounds, 1));
			r.put("p50Micros", median(rounds, 2));
			r.put("p99Micros", median(rounds, 3));
			r.put("switchesPerReq", median(rounds, 4));
			r.put("allocPerReq", median(rounds, 5));
			return r;
		}
	}

	/**
	 * A directory holding this harness's classes, copied out of the jar it runs from, to put before a baseline
	 * jar on a client's class path: the baseline's library then runs under this very harness.
	 */
	private static synchronized String harnessClasses() throws IOException {
		if (harnessClasses != null) {
			return harnessClasses;
		}
		Path dir = Files.createTempDirectory("http-throughput");
		String prefix = HttpThroughput.class.getName().replace('.', '/');
		Path source = Path.of(java.net.URI.create(HttpThroughput.class.getProtectionDomain().getCodeSource()
				.getLocation().toString()));
		if (Files.isDirectory(source)) {
			return source.toString(); // run from target/classes: already a directory
		}
		try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(source.toFile())) {
			for (var e : java.util.Collections.list(jar.entries())) {
				if (e.getName().startsWith(prefix)) {
					Path to = dir.resolve(e.getName());
					Files.createDirectories(to.getParent());
					try (var bytes = jar.getInputStream(e)) {
						Files.copy(bytes, to);
					}
				}
			}
		}
		harnessClasses = dir.toString();
		return harnessClasses;
	}

	private static String harnessClasses;

	private static double median(List<double[]> rounds, int field) {
		double[] v = rounds.stream().mapToDouble(r -> r[field]).sorted().toArray();
		return v[v.length / 2];
	}

	// ---- the client JVM ----

	private static void client(String[] args) throws Exception {
		String kind = args[1];
		String url = args[2];
		int requests = Integer.parseInt(args[3]);
		int concurrency = Integer.parseInt(args[4]);
		int warmup = Integer.parseInt(args[5]);
		int rounds = Integer.parseInt(args[6]);
		Client client = switch (kind) {
			case "raw", "raw-1io" -> new RawClient(url, concurrency);
			case "raw-coroutines" -> new RawFromCoroutines(url, concurrency);
			case "session" -> new SessionClient(url, concurrency, 1);
			default -> {
				// session-Nloops, for any N (session-2loops is one of the defaults; session-16loops on 16 cores)
				java.util.regex.Matcher m = java.util.regex.Pattern.compile("session-(\\d+)loops").matcher(kind);
				if (!m.matches()) {
					throw new IllegalArgumentException("unknown client " + kind + ", one of " + ALL_CLIENTS
							+ " or session-Nloops");
				}
				yield new SessionClient(url, concurrency, Integer.parseInt(m.group(1)));
			}
		};
		com.sun.management.OperatingSystemMXBean os =
				(com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		System.out.println("client " + kind + ", " + Runtime.getRuntime().availableProcessors() + " cpus visible");
		try {
			BufferedReader go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			for (int r = 0; r < warmup + rounds; r++) {
				if (go.readLine() == null) {
					break; // the parent is gone
				}
				long[] latencies = new long[requests];
				long switches0 = contextSwitches();
				long alloc0 = threads.getTotalThreadAllocatedBytes();
				long cpu0 = os.getProcessCpuTime();
				long t0 = System.nanoTime();
				client.round(requests, latencies);
				long elapsed = System.nanoTime() - t0;
				long cpu = os.getProcessCpuTime() - cpu0;
				double switches = (double) (contextSwitches() - switches0) / requests;
				double alloc = (double) (threads.getTotalThreadAllocatedBytes() - alloc0) / requests;
				Arrays.sort(latencies);
				double reqPerSec = requests * 1e9 / elapsed;
				double cpuMicros = cpu / 1e3 / requests;
				double p50 = latencies[requests / 2] / 1e3;
				double p99 = latencies[(int) Math.min(requests - 1, Math.ceil(requests * 0.99) - 1)] / 1e3;
				System.out.println(String.format(Locale.ROOT, "%s %.1f %.2f %.1f %.1f %.2f %.0f",
						r < warmup ? "warmup" : "ROUND", reqPerSec, cpuMicros, p50, p99, switches, alloc));
			}
		}
		finally {
			client.close();
		}
	}

	/**
	 * The context switches of this process's live threads so far (voluntary and not), from Linux's
	 * {@code /proc/self/task/*}{@code /status}; -1 elsewhere. Switching threads is much of what a request costs on
	 * one core, so the table shows it per request.
	 */
	static long contextSwitches() {
		try (var tasks = Files.list(Path.of("/proc/self/task"))) {
			long sum = 0;
			for (Path t : (Iterable<Path>) tasks::iterator) {
				try {
					for (String line : Files.readAllLines(t.resolve("status"))) {
						if (line.contains("ctxt_switches:")) {
							sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
						}
					}
				}
				catch (IOException e) {
					// the thread ended meanwhile
				}
			}
			return sum;
		}
		catch (IOException e) {
			return -1;
		}
	}

	interface Client extends AutoCloseable {
		/** Sends {@code requests} GETs, recording each one's latency in nanoseconds. */
		void round(int requests, long[] latencies) throws Exception;

		@Override
		void close();
	}

	static final class RawClient implements Client {
		final ConnectionProvider provider;
		final HttpClient client;
		final String url;
		final int concurrency;
		final JsonMapper mapper = JsonMapper.shared();

		RawClient(String url, int concurrency) {
			this.url = url;
			this.concurrency = concurrency;
			this.provider = ConnectionProvider.builder("raw").maxConnections(concurrency).pendingAcquireMaxCount(-1)
					.build();
			this.client = HttpClient.create(provider);
		}

		@Override
		public void round(int requests, long[] latencies) {
			Flux.range(0, requests)
					.flatMap(i -> Mono.defer(() -> {
						long start = System.nanoTime();
						return client.get().uri(url)
								.responseSingle((res, body) -> body.asByteArray())
								.map(bytes -> {
									JsonNode node = mapper.readTree(bytes);
									latencies[i] = System.nanoTime() - start;
									return node.size();
								});
					}), concurrency)
					.then()
					.block(Duration.ofMinutes(5));
		}

		@Override
		public void close() {
			provider.disposeLater().block(Duration.ofSeconds(10));
		}
	}

	/**
	 * The raw client's requests (one IO thread) awaited by coroutines on one loop, as the session's are: what the
	 * hops between Netty and the loop cost, apart from what {@code ClientSession} adds.
	 */
	static final class RawFromCoroutines implements Client {
		final RawClient raw;
		final EventLoop loop = EventLoop.create();

		RawFromCoroutines(String url, int concurrency) {
			this.raw = new RawClient(url, concurrency);
		}

		@Override
		public void round(int requests, long[] latencies) throws Exception {
			int[] next = {0};
			loop.run(() -> {
				List<Task<Void>> started = new ArrayList<>(raw.concurrency);
				for (int t = 0; t < raw.concurrency; t++) {
					started.add(Async.createTask(() -> {
						for (int i = next[0]++; i < requests; i = next[0]++) {
							long start = System.nanoTime();
							byte[] bytes = Async.await(raw.client.get().uri(raw.url)
									.responseSingle((res, body) -> body.asByteArray()));
							raw.mapper.readTree(bytes);
							latencies[i] = System.nanoTime() - start;
						}
						return null;
					}));
				}
				for (Task<Void> t : started) {
					Async.await(t);
				}
				return null;
			});
		}

		@Override
		public void close() {
			loop.close();
			raw.close();
		}
	}

	static final class SessionClient implements Client {
		final ClientSession session;
		final EventLoopGroup group;
		final String url;
		final int concurrency;

		SessionClient(String url, int concurrency, int loops) {
			this.url = url;
			this.concurrency = concurrency;
			this.session = ClientSession.builder().maxConnections(concurrency).build();
			this.group = EventLoopGroup.create(loops);
		}

		@Override
		public void round(int requests, long[] latencies) {
			AtomicInteger next = new AtomicInteger();
			List<EventLoop> loops = group.loops();
			List<Mono<Integer>> perLoop = new ArrayList<>();
			for (int l = 0; l < loops.size(); l++) {
				int tasks = concurrency / loops.size() + (l < concurrency % loops.size() ? 1 : 0);
				perLoop.add(Async.mono(loops.get(l), () -> {
					List<Task<Integer>> started = new ArrayList<>(tasks);
					for (int t = 0; t < tasks; t++) {
						started.add(Async.createTask(() -> {
							int done = 0;
							for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
								long start = System.nanoTime();
								try (ClientResponse r = Async.await(session.get(url))) {
									JsonNode node = Async.await(r.json());
									done += node.size() > 0 ? 1 : 0;
								}
								latencies[i] = System.nanoTime() - start;
							}
							return done;
						}));
					}
					int done = 0;
					for (Task<Integer> t : started) {
						done += Async.await(t);
					}
					return done;
				}));
			}
			int done = Flux.merge(perLoop).reduce(0, Integer::sum).block(Duration.ofMinutes(5));
			if (done != requests) {
				throw new IllegalStateException(done + " of " + requests + " requests parsed");
			}
		}

		@Override
		public void close() {
			group.close();
			session.close();
		}
	}
}
