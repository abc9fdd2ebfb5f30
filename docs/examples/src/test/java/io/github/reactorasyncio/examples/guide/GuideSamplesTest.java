package io.github.reactorasyncio.examples.guide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that every Java code block of {@code docs/guide.md} is a region of a compiled, tested source file.
 *
 * <p>In the guide, a block is preceded by {@code <!-- sample: PATH#TAG -->}, PATH relative to
 * {@code docs/examples}; in the source the region sits between {@code // tag::TAG[]} and
 * {@code // end::TAG[]}. After editing a sample, refresh the guide with
 * {@code mvn -pl docs/examples test -Dtest=GuideSamplesTest -Dguide.update=true}.
 */
class GuideSamplesTest {

	private static final Path GUIDE = Path.of("../guide.md");
	private static final Pattern SAMPLE = Pattern.compile(
			"<!-- sample: (\\S+)#(\\S+) -->\\n```java\\n(.*?)```\\n", Pattern.DOTALL);

	@Test
	void everyJavaBlockOfTheGuideIsACompiledSample() throws IOException {
		String guide = Files.readString(GUIDE);
		String updated = withSamples(guide);
		if (Boolean.getBoolean("guide.update")) {
			Files.writeString(GUIDE, updated);
			return;
		}
		int javaBlocks = count(guide, "```java\n");
		int samples = count(guide, "<!-- sample: ");
		assertThat(samples).as("every ```java block in the guide must follow a <!-- sample: PATH#TAG --> marker")
				.isEqualTo(javaBlocks).isPositive();
		assertThat(guide).as("the guide's code blocks differ from their sources; run this test with "
				+ "-Dguide.update=true to refresh the guide").isEqualTo(updated);
	}

	@Test
	void everyRelativeLinkOfTheGuideLeadsToAFile() throws IOException {
		String guide = Files.readString(GUIDE);
		Matcher m = Pattern.compile("\\]\\(([^)#:]+)\\)").matcher(guide);
		List<String> links = new ArrayList<>();
		while (m.find()) {
			links.add(m.group(1));
		}
		assertThat(links).isNotEmpty().allSatisfy(link -> assertThat(GUIDE.resolveSibling(link)).exists());
	}

	/** The guide with each marked block replaced by its current source region. */
	static String withSamples(String guide) throws IOException {
		Matcher m = SAMPLE.matcher(guide);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String region = region(Path.of(m.group(1)), m.group(2));
			m.appendReplacement(out, Matcher.quoteReplacement(
					"<!-- sample: " + m.group(1) + "#" + m.group(2) + " -->\n```java\n" + region + "```\n"));
		}
		m.appendTail(out);
		return out.toString();
	}

	/** The lines between the tag's markers, tabs as four spaces, common indentation removed. */
	static String region(Path source, String tag) throws IOException {
		List<String> lines = Files.readAllLines(source);
		int start = indexOf(lines, "// tag::" + tag + "[]", 0, source);
		int end = indexOf(lines, "// end::" + tag + "[]", start, source);
		List<String> body = new ArrayList<>();
		for (String line : lines.subList(start + 1, end)) {
			body.add(line.replace("\t", "    ").stripTrailing());
		}
		int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
				.min().orElse(0);
		StringBuilder sb = new StringBuilder();
		for (String line : body) {
			sb.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
		}
		return sb.toString();
	}

	private static int indexOf(List<String> lines, String marker, int from, Path source) {
		for (int i = from; i < lines.size(); i++) {
			if (lines.get(i).strip().equals(marker)) {
				return i;
			}
		}
		throw new AssertionError(source + " has no line '" + marker + "'");
	}

	private static int count(String text, String what) {
		int n = 0;
		for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
			n++;
		}
		return n;
	}
}
