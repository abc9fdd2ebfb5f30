package io.github.reactorasyncio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import io.github.reactorasyncio.internal.PipeReader;
import io.github.reactorasyncio.internal.PipeWriter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * A child process driven from coroutines: Python's {@code asyncio.subprocess.Process}, on the JDK's
 * {@link Process}. {@link #exec(String...)} starts it with its stdin, stdout and stderr as pipes;
 * {@link #stdout()} and {@link #stderr()} are {@link StreamReader}s and {@link #stdin()} a {@link StreamWriter},
 * so a coroutine reads the output while the process runs, and {@link #waitFor()} awaits its exit. Nothing blocks
 * the loop: each pipe is pumped by a virtual thread of its own, and the exit is awaited through
 * {@link Process#onExit()}.
 *
 * {@snippet file="JavadocSnippets.java" region="Subprocess"}
 *
 * <p><b>Cancellation.</b> A coroutine cancelled while it reads, writes or waits gets the cancellation at that
 * point; {@link #close()}, which try-with-resources calls on the way out, kills the process and its
 * descendants if they still run. Always use try-with-resources, as nothing else kills it.
 *
 * <p>Differences from asyncio: the pipes are the default (asyncio inherits the parent's streams unless told
 * {@code PIPE}; give a {@code ProcessBuilder} with {@code inheritIO()} for that); a process killed by a signal
 * has the JDK's exit status {@code 128 + signal} (137 for {@code SIGKILL}) where asyncio reports
 * {@code -signal}; there is no {@code send_signal}, only {@link #terminate()} and {@link #kill()}.
 */
public final class Subprocess implements AutoCloseable {

	private final Process process;
	private final List<String> command;
	private final StreamWriter stdin;
	private final StreamReader stdout;
	private final StreamReader stderr;
	private final PipeReader stdoutPump;
	private final PipeReader stderrPump;

	private Subprocess(EventLoop loop, Process process, List<String> command) {
		this.process = process;
		this.command = command;
		String name = "subprocess-" + process.pid();
		this.stdin = StreamWriter.create(PipeWriter.start(process.getOutputStream(), name + "-stdin"));
		StreamReader[] out = new StreamReader[1];
		this.stdoutPump = PipeReader.start(loop, process.getInputStream(), name + "-stdout", out);
		this.stdout = out[0];
		StreamReader[] err = new StreamReader[1];
		this.stderrPump = PipeReader.start(loop, process.getErrorStream(), name + "-stderr", err);
		this.stderr = err[0];
	}

	/**
	 * Starts a program with its arguments: Python's {@code await asyncio.create_subprocess_exec(*args,
	 * stdin=PIPE, stdout=PIPE, stderr=PIPE)}. Call it from a coroutine; the streams are bound to its loop.
	 *
	 * @param command the program and its arguments, not interpreted by a shell
	 * @return the running process; close it
	 * @throws IOException if the program cannot be started (not found, not executable)
	 * @throws IllegalStateException outside a coroutine
	 */
	public static Subprocess exec(String... command) throws IOException {
		Objects.requireNonNull(command, "command");
		if (command.length == 0) {
			throw new IllegalArgumentException("exec needs at least the program to run");
		}
		return exec(new ProcessBuilder(command));
	}

	/**
	 * Starts a command line through {@code /bin/sh -c}: Python's {@code asyncio.create_subprocess_shell}. Quote
	 * what comes from users, or prefer {@link #exec(String...)}.
	 *
	 * @param commandLine the shell command line
	 * @return the running process; close it
	 * @throws IOException if the shell cannot be started
	 */
	public static Subprocess shell(String commandLine) throws IOException {
		Objects.requireNonNull(commandLine, "commandLine");
		return exec("/bin/sh", "-c", commandLine);
	}

	/**
	 * Starts a process as {@code builder} describes (directory, environment, redirects). A stream the builder
	 * redirects elsewhere reads as empty here (stdout, stderr) or fails writes (stdin).
	 *
	 * @param builder the process to start
	 * @return the running process; close it
	 * @throws IOException if it cannot be started
	 * @throws IllegalStateException outside a coroutine
	 */
	public static Subprocess exec(ProcessBuilder builder) throws IOException {
		Objects.requireNonNull(builder, "builder");
		if (!Async.inCoroutine()) {
			throw new IllegalStateException("Subprocess.exec must be called from a coroutine, whose loop its streams "
					+ "are bound to: wrap it in EventLoop.run / Async.run / Async.mono(() -> ...).");
		}
		EventLoop loop = Async.currentLoop();
		// asyncio forks from the loop's thread too: starting a process takes a few milliseconds
		Process process = builder.start();
		return new Subprocess(loop, process, List.copyOf(builder.command()));
	}

	/**
	 * The lines a command writes to stdout, as a cold Flux for Reactor users: each subscription runs the command
	 * on a coroutine ({@link Async#flux}), emits its lines (UTF-8, without the line end) with backpressure, and
	 * completes when stdout ends and the process exited with 0. It fails with {@link CalledProcessException} for
	 * another status. Cancelling the subscription kills the process.
	 *
	 * @param command the program and its arguments
	 * @return a cold Flux of the lines of its stdout
	 */
	public static Flux<String> outputLines(String... command) {
		Objects.requireNonNull(command, "command");
		List<String> args = List.of(command.clone());
		return Async.flux(emitter -> {
			try (Subprocess p = exec(args.toArray(String[]::new))) {
				Task<byte[]> errors = Async.createTask(() -> p.stderr().read(-1));
				byte[] line;
				while ((line = p.stdout().readLine()).length > 0) {
					emitter.emit(stripLineEnd(line));
				}
				int status = p.waitFor();
				byte[] err = Async.await(errors);
				if (status != 0) {
					String text = new String(err, StandardCharsets.UTF_8);
					throw new CalledProcessException(status, args, text.substring(Math.max(0, text.length() - 500)));
				}
			}
		});
	}

	private static String stripLineEnd(byte[] line) {
		int n = line.length;
		if (n > 0 && line[n - 1] == '\n') {
			n--;
			if (n > 0 && line[n - 1] == '\r') {
				n--;
			}
		}
		return new String(line, 0, n, StandardCharsets.UTF_8);
	}

	/** {@return the process ID} */
	public long pid() {
		return process.pid();
	}

	/**
	 * Returns the process's stdin; close it to send the end of input.
	 *
	 * @return the process's stdin
	 */
	public StreamWriter stdin() {
		return stdin;
	}

	/** {@return the process's stdout} */
	public StreamReader stdout() {
		return stdout;
	}

	/**
	 * {@return the process's stderr} Read it (or give a builder that redirects it) if the process may write much there:
	 * once 128 KiB are unread, the process blocks on its writes.
	 */
	public StreamReader stderr() {
		return stderr;
	}

	/**
	 * Returns the exit status, or {@code null} while the process runs: Python's {@code returncode}.
	 *
	 * @return the exit status, or {@code null} while it runs
	 */
	public @Nullable Integer returnCode() {
		return process.isAlive() ? null : process.exitValue();
	}

	/**
	 * Waits for the process to exit and returns its status: Python's {@code await proc.wait()}. Output not yet
	 * read stays readable. Cancelling the wait leaves the process running (close it to kill it).
	 *
	 * @return the exit status
	 * @throws IllegalStateException outside a coroutine
	 * @throws Exception never, in practice; declared because it awaits
	 */
	public int waitFor() throws Exception {
		Async.await(process.onExit());
		return process.exitValue();
	}

	/**
	 * Writes {@code input} to stdin and closes it, reads stdout and stderr to their ends, and waits for the exit:
	 * Python's {@code await proc.communicate(input)}. A process that exits without reading its input is no error
	 * (the broken pipe is ignored, as asyncio does).
	 *
	 * @param input what to write to stdin, or {@code null} to only close it
	 * @return the exit status and everything written to stdout and stderr
	 * @throws Exception what reading the output failed with
	 */
	public Output communicate(byte @Nullable [] input) throws Exception {
		Task<byte[]> out = Async.createTask(() -> stdout.read(-1));
		Task<byte[]> err = Async.createTask(() -> stderr.read(-1));
		try {
			if (input != null && input.length > 0) {
				stdin.write(input);
				try {
					stdin.drain();
				}
				catch (IOException brokenPipe) {
					// the process exited without reading everything: its output still counts
				}
			}
			stdin.close();
			Async.gather(out, err);
			return new Output(waitFor(), out.result(), err.result());
		}
		finally {
			out.cancel();
			err.cancel();
		}
	}

	/** What {@link #communicate(byte[])} collected. */
	public static final class Output {

		private final int returnCode;
		private final byte[] stdout;
		private final byte[] stderr;

		Output(int returnCode, byte[] stdout, byte[] stderr) {
			this.returnCode = returnCode;
			this.stdout = stdout;
			this.stderr = stderr;
		}

		/** {@return the exit status} */
		public int returnCode() {
			return returnCode;
		}

		/**
		 * Returns everything written to stdout (the array itself).
		 *
		 * @return everything written to stdout
		 */
		public byte[] stdout() {
			return stdout;
		}

		/**
		 * Returns everything written to stderr (the array itself).
		 *
		 * @return everything written to stderr
		 */
		public byte[] stderr() {
			return stderr;
		}

		/** {@return stdout decoded as UTF-8} */
		public String stdoutText() {
			return new String(stdout, StandardCharsets.UTF_8);
		}

		/** {@return stderr decoded as UTF-8} */
		public String stderrText() {
			return new String(stderr, StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return "Output[returnCode=" + returnCode + ", stdout=" + stdout.length + " bytes, stderr=" + stderr.length
					+ " bytes]";
		}
	}

	/** Asks the process to end (SIGTERM on Unix): Python's {@code terminate()}. Returns at once. */
	public void terminate() {
		pipesClosedByTheJdk();
		process.destroy();
	}

	/** Kills the process and its descendants (SIGKILL on Unix): Python's {@code kill()}. Returns at once. */
	public void kill() {
		// the descendants are listed first (once the process is gone they are re-parented and out of reach) but
		// killed last: a shell killed after its children could finish normally in between and exit with 0
		List<ProcessHandle> descendants = process.descendants().toList();
		pipesClosedByTheJdk();
		process.destroyForcibly();
		descendants.forEach(ProcessHandle::destroyForcibly);
	}

	private void pipesClosedByTheJdk() {
		stdoutPump.processDestroyed();
		stderrPump.processDestroyed();
	}

	/**
	 * Kills the process and its descendants if they still run, closes stdin and stops reading the pipes.
	 * Idempotent; any thread; returns at once (await {@link #waitFor()} before it to let the process finish).
	 */
	@Override
	public void close() {
		if (process.isAlive()) {
			kill();
		}
		stdin.close();
		stdoutPump.close();
		stderrPump.close();
	}

	@Override
	public String toString() {
		Integer code = returnCode();
		return "Subprocess[pid " + process.pid() + ", " + (code == null ? "running" : "exited " + code) + ", "
				+ command + "]";
	}
}
