package io.github.reactorasyncio.examples.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code docs/perf/chart.py} draws a well-formed chart from JMH results, and copes with missing files. */
class PerfChartTest {

	private static final Path SCRIPT = Path.of("../perf/chart.py");

	@TempDir
	Path dir;

	@Test
	void drawsTheResultsBesideTheirBaselinesAndSaysWhatIsMissing() throws Exception {
		Path results = Files.createDirectories(dir.resolve("results"));
		Files.writeString(results.resolve("core.json"), """
				[{"benchmark": "io.github.reactorasyncio.benchmarks.CoreBenchmark.switchPingPong", "mode": "avgt",
				  "primaryMetric": {"score": 310.5, "scoreError": 12.0, "scoreUnit": "ns/op"}},
				 {"benchmark": "io.github.reactorasyncio.benchmarks.CoreBenchmark.pipelineCoroutine", "mode": "avgt",
				  "primaryMetric": {"score": 5200, "scoreError": "NaN", "scoreUnit": "ns/op"}},
				 {"benchmark": "io.github.reactorasyncio.benchmarks.CoreBenchmark.pipelineFlatMap", "mode": "avgt",
				  "primaryMetric": {"score": 2100, "scoreError": 50, "scoreUnit": "ns/op"}}]
				""");
		Files.writeString(results.resolve("memory.json"), """
				{"suspendedTasks": 1000000, "bytesPerSleepingTask": 860, "bytesPerSuspendedTask": 1180,
				 "bytesPerParkedVirtualThread": 1010, "bytesPerPendingReactorSubscription": 210}
				""");
		Files.writeString(results.resolve("primitives.json"), "{not json");

		run("--results", results.toString(), "--out", dir.toString());

		String svg = Files.readString(dir.resolve("chart.svg"));
		Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("chart.svg").toFile());
		assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
		assertThat(svg).contains("switchPingPong", "pipelineFlatMap", "Task in sleep", "Task awaiting a Future",
				"pending Reactor subscription",
				"310 ± 12.0 ns/op", "not measured yet", "unreadable");
		String table = Files.readString(dir.resolve("results.md"));
		assertThat(table).contains("| pipelineFlatMap | baseline | 2,100 | 50.0 | ns/op |",
				"| pipelineCoroutine | reactor-asyncio | 5,200 |  | ns/op |",
				"| Task in sleep | reactor-asyncio | 860 |  | bytes |",
				"| Task awaiting a Future | reactor-asyncio | 1,180 |  | bytes |");
	}

	@Test
	void drawsAChartWithNoResultsAtAll() throws Exception {
		run("--results", dir.resolve("nothing-here").toString(), "--out", dir.toString());
		assertThat(Files.readString(dir.resolve("chart.svg"))).contains("<svg", "not measured yet");
	}

	private static void run(String... args) throws IOException, InterruptedException {
		assumeTrue(python3(), "python3 is not installed");
		String[] command = new String[args.length + 2];
		command[0] = "python3";
		command[1] = SCRIPT.toString();
		System.arraycopy(args, 0, command, 2, args.length);
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		boolean finished = p.waitFor(60, TimeUnit.SECONDS);
		String output = new String(p.getInputStream().readAllBytes());
		if (!finished) {
			p.destroyForcibly();
		}
		assertThat(finished).as("chart.py finished").isTrue();
		assertThat(p.exitValue()).as("chart.py exit status; output:%n%s", output).isZero();
	}

	private static boolean python3() {
		try {
			Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
			p.getInputStream().readAllBytes();
			return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
		}
		catch (IOException | InterruptedException e) {
			return false;
		}
	}
}
