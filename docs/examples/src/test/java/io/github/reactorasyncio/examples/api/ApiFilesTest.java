package io.github.reactorasyncio.examples.api;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.http.ClientSession;
import io.github.reactorasyncio.spring.ReactorAsyncioAutoConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The public API of each published module, frozen in a checked-in file ({@code adapter/api/*.api},
 * {@code http/api/*.api}, {@code spring/api/*.api}): every public or protected type, constructor, method and
 * field of the packages its {@code module-info} exports, one per line, sorted. The build fails when the compiled
 * API differs from the file, so that every change of the API is made on purpose and shows in review; regenerate
 * the files with {@code scripts/test -Dapi.update=true} (or, quicker, the command in the failure message) and
 * commit them with the change.
 *
 * <p>It lives here because this module depends on all three. A binary-compatibility check against the last
 * release (japicmp) is the next step once there is a release.
 */
class ApiFilesTest {

	static final String REGENERATE = "./mvnw -pl docs/examples -am verify -Dtest=ApiFilesTest "
			+ "-Dsurefire.failIfNoSpecifiedTests=false -Dapi.update=true (with a JDK 21+: . scripts/jdk.sh), "
			+ "or scripts/test -Dapi.update=true";

	@ParameterizedTest
	@ValueSource(strings = {"adapter", "http", "spring"})
	void theApiFileIsUpToDate(String module) throws Exception {
		Class<?> anchor = switch (module) {
			case "adapter" -> Async.class;
			case "http" -> ClientSession.class;
			default -> ReactorAsyncioAutoConfiguration.class;
		};
		Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
		String actual;
		String name;
		try (FileSystem jar = Files.isDirectory(root) ? null : FileSystems.newFileSystem(root)) {
			Path classes = jar == null ? root : jar.getPath("/");
			ModuleDescriptor descriptor;
			try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
				descriptor = ModuleDescriptor.read(in);
			}
			name = descriptor.name();
			actual = render(classes, descriptor, anchor.getClassLoader());
		}
		Path file = Path.of("../..", module, "api", name + ".api");
		if (Boolean.getBoolean("api.update")) {
			Files.createDirectories(file.getParent());
			Files.writeString(file, actual, StandardCharsets.UTF_8);
			return;
		}
		String expected = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		if (!actual.equals(expected)) {
			fail("The public API of module " + name + " differs from " + module + "/api/" + name + ".api"
					+ diff(expected, actual) + "\nIf the change is meant, regenerate the file and commit it with the "
					+ "change: " + REGENERATE);
		}
	}

	/** The lines only in one of the two, at most 50 of each. */
	private static String diff(String expected, String actual) {
		List<String> was = expected.lines().toList();
		List<String> is = actual.lines().toList();
		String removed = was.stream().filter(l -> !l.isBlank() && !is.contains(l)).limit(50)
				.map(l -> "\n  - " + l.strip()).collect(Collectors.joining());
		String added = is.stream().filter(l -> !l.isBlank() && !was.contains(l)).limit(50)
				.map(l -> "\n  + " + l.strip()).collect(Collectors.joining());
		return (removed.isEmpty() ? "" : "\nnot in the compiled API any more:" + removed)
				+ (added.isEmpty() ? "" : "\nnew in the compiled API:" + added)
				+ (removed.isEmpty() && added.isEmpty() ? " (only in order or blank lines)" : "");
	}

	/** The API of the unqualified exports, as blocks of lines: a type, then its members, each sorted. */
	static String render(Path classes, ModuleDescriptor descriptor, ClassLoader loader)
			throws IOException, ClassNotFoundException {
		Set<String> packages = descriptor.exports().stream().filter(e -> !e.isQualified())
				.map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
		TreeMap<String, List<String>> types = new TreeMap<>();
		for (String pkg : packages) {
			Path dir = classes.resolve(pkg.replace('.', '/'));
			List<String> names;
			try (Stream<Path> files = Files.list(dir)) {
				names = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".class"))
						.filter(f -> !f.equals("package-info.class")).map(f -> pkg + "." + f.replace(".class", ""))
						.toList();
			}
			for (String className : names) {
				Class<?> c = Class.forName(className, false, loader);
				if (visible(c)) {
					types.put(c.getName(), members(c));
				}
			}
		}
		StringBuilder out = new StringBuilder();
		types.forEach((type, lines) -> {
			lines.forEach(l -> out.append(l).append('\n'));
			out.append('\n');
		});
		return out.toString();
	}

	/** Public or protected, and so is every enclosing type; not synthetic, anonymous or local. */
	private static boolean visible(Class<?> c) {
		for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
			if (k.isSynthetic() || k.isAnonymousClass() || k.isLocalClass() || !exposed(k.getModifiers())) {
				return false;
			}
		}
		return true;
	}

	private static boolean exposed(int modifiers) {
		return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
	}

	private static List<String> members(Class<?> c) {
		List<String> lines = new ArrayList<>();
		lines.add(header(c));
		List<String> body = new ArrayList<>();
		for (Constructor<?> k : c.getDeclaredConstructors()) {
			if (shown(k)) {
				body.add("  " + k.toGenericString());
			}
		}
		for (Method m : c.getDeclaredMethods()) {
			if (shown(m) && !m.isBridge()) {
				body.add("  " + m.toGenericString());
			}
		}
		// a public method of a non-public superclass is the class's own to its users (javac adds bridges for it)
		for (Class<?> s = c.getSuperclass(); s != null && !exposed(s.getModifiers()); s = s.getSuperclass()) {
			for (Method m : s.getDeclaredMethods()) {
				if (shown(m) && !m.isBridge() && !declaredIn(c, m)) {
					body.add("  " + m.toGenericString().replace(s.getName() + ".", c.getName() + "."));
				}
			}
		}
		for (Field f : c.getDeclaredFields()) {
			if (shown(f)) {
				body.add("  " + f.toGenericString());
			}
		}
		body.sort(null);
		lines.addAll(body);
		return lines;
	}

	private static boolean declaredIn(Class<?> c, Method m) {
		return Arrays.stream(c.getDeclaredMethods()).anyMatch(d -> !d.isBridge() && d.getName().equals(m.getName())
				&& Arrays.equals(d.getParameterTypes(), m.getParameterTypes()));
	}

	private static boolean shown(Member m) {
		return exposed(m.getModifiers()) && !m.isSynthetic();
	}

	/** The type's modifiers, kind, name, type parameters, supertypes and, for a sealed type, that it is sealed. */
	private static String header(Class<?> c) {
		StringBuilder h = new StringBuilder(c.toGenericString());
		if (c.isSealed()) {
			h.append(" (sealed)");
		}
		Type superclass = c.getGenericSuperclass();
		// a non-public superclass is an implementation detail: show the first public one
		for (Class<?> s = c.getSuperclass(); s != null && !exposed(s.getModifiers()); s = s.getSuperclass()) {
			superclass = s.getGenericSuperclass();
		}
		if (superclass != null && superclass != Object.class && !c.isEnum() && !c.isRecord()) {
			h.append(" extends ").append(superclass.getTypeName());
		}
		Type[] interfaces = c.getGenericInterfaces();
		if (interfaces.length > 0) {
			h.append(c.isInterface() ? " extends " : " implements ").append(Arrays.stream(interfaces)
					.map(Type::getTypeName).collect(Collectors.joining(", ")));
		}
		return h.toString();
	}
}
