package io.github.reactorasyncio.snippets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every code sample of the adapter's public javadoc is a region of {@link JavadocSnippets}, which compiles
 * with the tests: no {@code <pre>{@code ...}} block (which nothing compiles) and no snippet that names a
 * missing file or region. The javadoc build checks the snippets again, but only at {@code package}.
 */
class JavadocSamplesTest {

	private static final Path MAIN = Path.of("src/main/java/io/github/reactorasyncio");
	private static final Path SNIPPETS = Path.of("src/test/java/io/github/reactorasyncio/snippets");
	private static final Pattern SNIPPET = Pattern.compile("\\{@snippet file=\"([^\"]+)\" region=\"([^\"]+)\"\\}");

	@Test
	void thePublicJavadocHasNoInlineCodeSample() throws IOException {
		List<String> inline = new ArrayList<>();
		for (Path source : publicSources()) {
			List<String> lines = Files.readAllLines(source);
			for (int i = 0; i < lines.size(); i++) {
				if (lines.get(i).contains("<pre>{@code") || lines.get(i).matches("\\s*\\*\\s*\\{@snippet\\s*:.*")) {
					inline.add(source.getFileName() + ":" + (i + 1));
				}
			}
		}
		assertThat(inline).as("move these samples into JavadocSnippets as regions and include them with "
				+ "{@snippet file=\"JavadocSnippets.java\" region=\"...\"}").isEmpty();
	}

	@Test
	void everySnippetNamesAnExistingRegion() throws IOException {
		int found = 0;
		for (Path source : publicSources()) {
			Matcher m = SNIPPET.matcher(Files.readString(source));
			while (m.find()) {
				found++;
				Path file = SNIPPETS.resolve(m.group(1));
				assertThat(file).as(source.getFileName() + " includes a snippet file that does not exist").exists();
				assertThat(Files.readString(file)).as(source.getFileName() + " includes a region that "
						+ file.getFileName() + " does not have").contains("// @start region=\"" + m.group(2) + "\"");
			}
		}
		assertThat(found).isGreaterThanOrEqualTo(10);
	}

	private static List<Path> publicSources() throws IOException {
		try (Stream<Path> files = Files.walk(MAIN)) {
			return files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/internal/"))
					.sorted().toList();
		}
	}
}
