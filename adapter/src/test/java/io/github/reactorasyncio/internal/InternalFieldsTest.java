package io.github.reactorasyncio.internal;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 10: internal types expose no public mutable field; state changes go through methods. */
class InternalFieldsTest {

	@Test
	void noInternalTypeHasAPublicNonFinalField() throws IOException, ClassNotFoundException {
		Path dir = Path.of("target/classes/io/github/reactorasyncio/internal");
		List<String> classes;
		try (Stream<Path> files = Files.list(dir)) {
			classes = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class"))
					.map(n -> "io.github.reactorasyncio.internal." + n.substring(0, n.length() - ".class".length()))
					.sorted().toList();
		}
		assertThat(classes).contains("io.github.reactorasyncio.internal.TaskImpl");
		List<String> mutable = new ArrayList<>();
		for (String name : classes) {
			for (Field f : Class.forName(name, false, getClass().getClassLoader()).getDeclaredFields()) {
				int m = f.getModifiers();
				if (Modifier.isPublic(m) && !Modifier.isFinal(m)) {
					mutable.add(name + "." + f.getName());
				}
			}
		}
		assertThat(mutable).as("public mutable fields of internal types").isEmpty();
	}
}
