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
 * Checks that every Java code block of the docs ({@code docs/guide.md}, {@code docs/getting-started.md},
 * {@code docs/porting-from-python.md}, {@code docs/metrics.md}) is a region of a compiled, tested source file.
 *
 * <p>In a page, a block is preceded by {@code <!-- sample: PATH#TAG -->}, PATH relative to
 * {@code docs/examples}; in the source the region sits between {@code // tag::TAG[]} and
 * {@code // end::TAG[]}. {@code <!-- sample: PATH -->} with no tag stands for the whole file (a complete
 * {@code pom.xml} or class); such a block may be of any language ({@code xml}, {@code properties}). After
 * editing a sample, refresh the pages with
 * {@code ./mvnw -pl docs/examples -am test -Dtest=GuideSamplesTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dguide.update=true} (with a JDK 21+; {@code . scripts/jdk.sh} finds one).
 */
class GuideSamplesTest {

	private static final Path GUIDE = Path.of("../guide.md");
	private static final List<Path> PAGES = List.of(GUIDE, Path.of("../getting-started.md"),
			Path.of("../porting-from-python.md"), Path.of("../metrics.md"));
	private static final Pattern SAMPLE = Pattern.compile(
			"<!-- sample: ([^\\s#]+)(?:#(\\S+))? -->\\n```(\\w+)\\n(.*?)```\\n", Pattern.DOTALL);

	@Test
	void everyJavaBlockOfTheGuideIsACompiledSample() throws IOException {
		for (Path page : PAGES) {
			everyJavaBlockIsACompiledSample(page);
		}
	}

	private static void everyJavaBlockIsACompiledSample(Path page) throws IOException {
		if (page != GUIDE && !Files.exists(page)) {
			return;
		}
		String guide = Files.readString(page);
		String updated = withSamples(guide);
		if (Boolean.getBoolean("guide.update")) {
			Files.writeString(page, updated);
			return;
		}
		int javaBlocks = count(guide, "```java\n");
		int javaSamples = count(guide, " -->\n```java\n");
		assertThat(javaSamples).as("every ```java block in " + page + " must follow a <!-- sample: PATH#TAG --> marker")
				.isEqualTo(javaBlocks).isPositive();
		assertThat(guide).as(page + "'s code blocks differ from their sources; run this test with "
				+ "-Dguide.update=true to refresh the pages").isEqualTo(updated);
	}

	@Test
	void everyRelativeLinkOfTheGuideLeadsToAFile() throws IOException {
		for (Path page : PAGES) {
			if (!Files.exists(page)) {
				continue;
			}
			String text = Files.readString(page);
			Matcher m = Pattern.compile("\\]\\(([^)#:]+)\\)").matcher(text);
			List<String> links = new ArrayList<>();
			while (m.find()) {
				links.add(m.group(1));
			}
			assertThat(links).as("links of " + page).isNotEmpty()
					.allSatisfy(link -> assertThat(page.resolveSibling(link)).exists());
		}
	}

	/** The guide with each marked block replaced by its current source region. */
	static String withSamples(String guide) throws IOException {
		Matcher m = SAMPLE.matcher(guide);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String tag = m.group(2);
			String region = tag != null ? region(Path.of(m.group(1)), tag) : wholeFile(Path.of(m.group(1)));
			m.appendReplacement(out, Matcher.quoteReplacement("<!-- sample: " + m.group(1)
					+ (tag != null ? "#" + tag : "") + " -->\n```" + m.group(3) + "\n" + region + "```\n"));
		}
		m.appendTail(out);
		return out.toString();
	}

	/** The whole file, tabs as four spaces. */
	static String wholeFile(Path source) throws IOException {
		StringBuilder sb = new StringBuilder();
		for (String line : Files.readAllLines(source)) {
			sb.append(line.replace("\t", "    ").stripTrailing()).append('\n');
		}
		return sb.toString();
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
