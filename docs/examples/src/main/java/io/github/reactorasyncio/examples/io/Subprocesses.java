package io.github.reactorasyncio.examples.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.Subprocess;

/** Subprocesses: asyncio's {@code create_subprocess_exec}, on the JDK's {@code Process}. */
public final class Subprocesses {

	private Subprocesses() {
	}

	// tag::main[]
	/**
	 * Python:
	 * <pre>
	 * proc = await asyncio.create_subprocess_exec(*command, stdout=PIPE, stderr=PIPE)
	 * while line := await proc.stdout.readline():
	 *     lines.append(line.decode().rstrip())
	 * lines.append(f"exit {await proc.wait()}")
	 * </pre>
	 *
	 * @param command the program and its arguments
	 * @return its output lines, and its exit status last
	 * @throws Exception if it cannot be started or reading fails
	 */
	public static List<String> run(String... command) throws Exception {
		return Async.run(() -> {
			List<String> lines = new ArrayList<>();
			try (Subprocess proc = Subprocess.exec(command)) {      // close() kills it, e.g. on cancel
				byte[] line;
				while ((line = proc.stdout().readLine()).length > 0) {   // suspends; the loop runs other tasks
					lines.add(new String(line, StandardCharsets.UTF_8).stripTrailing());
				}
				lines.add("exit " + proc.waitFor());
			}
			return lines;
		});
	}
	// end::main[]
}
