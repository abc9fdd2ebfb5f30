package io.github.reactorasyncio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Subprocess} with real processes (/bin/sh, cat, echo, head); every one is bounded or killed. */
@Timeout(60)
@ExtendWith(LoopPerTest.class)
class SubprocessTest {

	@LoopPerTest.Loop
	private EventLoop loop;

	private static String s(byte[] b) {
		return new String(b, StandardCharsets.UTF_8);
	}

	@Test
	void echoIsReadLineByLineAndItsExitAwaited() throws Exception {
		List<Object> got = loop.run(() -> {
			try (Subprocess p = Subprocess.exec("echo", "hello", "world")) {
				return List.of(s(p.stdout().readLine()), s(p.stdout().readLine()), p.waitFor(), p.returnCode());
			}
		});
		assertThat(got).containsExactly("hello world\n", "", 0, 0);
	}

	@Test
	void stdoutAndStderrAreSeparateAndTheStatusIsKept() throws Exception {
		List<Object> got = loop.run(() -> {
			try (Subprocess p = Subprocess.shell("echo out; echo err >&2; exit 3")) {
				return List.of(s(p.stdout().read(-1)), s(p.stderr().read(-1)), p.waitFor());
			}
		});
		assertThat(got).containsExactly("out\n", "err\n", 3);
	}

	@Test
	void stdinIsWrittenWhileStdoutIsReadInTurns() throws Exception {
		List<String> got = loop.run(() -> {
			try (Subprocess cat = Subprocess.exec("cat")) {
				List<String> out = new ArrayList<>();
				for (String word : List.of("one", "two", "three")) {
					cat.stdin().write((word + "\n").getBytes(StandardCharsets.UTF_8));
					cat.stdin().drain();
					out.add(s(cat.stdout().readLine()).strip());   // cat answers before the next write
				}
				cat.stdin().close();
				cat.stdin().waitClosed();
				out.add("eof: " + cat.stdout().readLine().length);
				out.add("status " + cat.waitFor());
				return out;
			}
		});
		assertThat(got).containsExactly("one", "two", "three", "eof: 0", "status 0");
	}

	@Test
	void communicatePushesAndCollectsFourMegabytesThroughCat() throws Exception {
		// more than both pipes and both flow-control limits hold, so writing and reading must take turns
		byte[] input = new byte[4 * 1024 * 1024];
		new Random(7).nextBytes(input);
		Subprocess.Output out = loop.run(() -> {
			try (Subprocess cat = Subprocess.exec("cat")) {
				return cat.communicate(input);
			}
		});
		assertThat(out.returnCode()).isZero();
		assertThat(Arrays.equals(out.stdout(), input)).as("stdout is the input").isTrue();
		assertThat(out.stderr()).isEmpty();
	}

	@Test
	void aLargeOutputIsReadInBoundedChunks() throws Exception {
		long[] got = loop.run(() -> {
			try (Subprocess head = Subprocess.exec("head", "-c", "5000000", "/dev/zero")) {
				long total = 0;
				long largest = 0;
				byte[] chunk;
				while ((chunk = head.stdout().read(100_000)).length > 0) {
					total += chunk.length;
					largest = Math.max(largest, chunk.length);
				}
				return new long[] {total, head.waitFor(), largest <= 100_000 ? 1 : 0};
			}
		});
		assertThat(got).containsExactly(5_000_000L, 0L, 1L);
	}

	@Test
	void cancellingACoroutineWhileItReadsKillsTheProcessAndItsChildren() throws Exception {
		AtomicReference<Subprocess> process = new AtomicReference<>();
		long[] grandchild = new long[1];
		boolean cancelled = loop.run(() -> {
			Event started = Event.create();
			Task<String> reader = Async.createTask(() -> {
				// sh prints the pid of its background sleep, then waits: neither ends by itself within the test
				try (Subprocess p = Subprocess.shell("sleep 30 & echo $!; wait")) {
					process.set(p);
					grandchild[0] = Long.parseLong(s(p.stdout().readLine()).strip());
					started.set();
					return s(p.stdout().readLine());   // cancelled here
				}
			});
			started.await();
			reader.cancel();
			try {
				Async.await(reader);
				return false;
			}
			catch (CancelledError e) {
				return reader.isCancelled();
			}
		});
		assertThat(cancelled).isTrue();
		Subprocess p = process.get();
		assertThat(loop.run(p::waitFor)).as("killed by SIGKILL: 128 + 9").isEqualTo(137);
		ProcessHandle.of(grandchild[0]).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
		assertThat(ProcessHandle.of(grandchild[0]).map(ProcessHandle::isAlive).orElse(false))
				.as("the background sleep is killed too").isFalse();
	}

	@Test
	void aProcessKilledWhileBeingReadEndsTheStreamAndReportsTheSignal() throws Exception {
		List<Object> got = loop.run(() -> {
			try (Subprocess p = Subprocess.shell("echo ready; exec sleep 30")) {
				List<Object> out = new ArrayList<>();
				out.add(s(p.stdout().readLine()).strip());
				Task<byte[]> reader = Async.createTask(() -> p.stdout().readLine());
				Async.yieldNow();          // the reader waits for a line that never comes
				p.kill();
				out.add(Async.await(reader).length);
				out.add(p.waitFor());
				return out;
			}
		});
		assertThat(got).containsExactly("ready", 0, 137);
	}

	/*
	 * On Linux the JDK closes its end of a destroyed process's pipes, so the pump of a process that writes
	 * without end reads on a closed stream after the kill ("Stream closed"). As in Python, the killed process's
	 * output ends (what was buffered, then the end); the reader does not fail.
	 *   p = await asyncio.create_subprocess_shell("exec cat /dev/zero", stdout=PIPE)
	 *   await p.stdout.readexactly(1); p.kill(); await p.stdout.read(); p.stdout.at_eof(); await p.wait()
	 *   # 3.11: True -9 (the signal; here 128 + 9)
	 */
	@Test
	void aProcessKilledWhileItWritesEndsTheStreamInsteadOfFailingIt() throws Exception {
		List<Object> got = loop.run(() -> {
			try (Subprocess p = Subprocess.shell("exec cat /dev/zero")) {
				p.stdout().readExactly(1);
				p.kill();
				p.stdout().read(-1);
				return List.of(p.stdout().atEof(), p.waitFor());
			}
		});
		assertThat(got).containsExactly(true, 137);
	}

	@Test
	void writingToAProcessThatExitedFailsTheDrainWithABrokenPipe() throws Exception {
		Throwable error = loop.run(() -> {
			try (Subprocess p = Subprocess.shell("exit 0")) {
				p.waitFor();
				try {
					for (int i = 0; i < 64; i++) {   // 4 MiB: more than the pipe holds
						p.stdin().write(new byte[64 * 1024]);
						p.stdin().drain();
					}
					return null;
				}
				catch (IOException e) {
					return e;
				}
			}
		});
		assertThat(error).isInstanceOf(IOException.class).hasMessageContaining("Broken pipe")
				.hasMessageContaining("stdin");
	}

	@Test
	void readExactlyPastTheEndHasThePartialOutput() throws Exception {
		String partial = loop.run(() -> {
			try (Subprocess p = Subprocess.exec("printf", "abc")) {
				try {
					p.stdout().readExactly(5);
					return "no error";
				}
				catch (IncompleteReadException e) {
					return s(e.partial());
				}
			}
		});
		assertThat(partial).isEqualTo("abc");
	}

	@Test
	void aProgramThatDoesNotExistFailsToStart() {
		assertThatThrownBy(() -> loop.run(() -> Subprocess.exec("/no/such/program")))
				.isInstanceOf(IOException.class).hasMessageContaining("/no/such/program");
	}

	@Test
	void execOutsideACoroutineSaysWhereToCallIt() {
		assertThatThrownBy(() -> Subprocess.exec("echo")).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("from a coroutine");
	}

	@Test
	void outputLinesIsAColdFluxOfTheLines() {
		StepVerifier.create(Subprocess.outputLines("/bin/sh", "-c", "printf 'a\\r\\nb\\nc'"))
				.expectNext("a", "b", "c")
				.verifyComplete();
		StepVerifier.create(Subprocess.outputLines("/bin/sh", "-c", "echo partial; echo boom >&2; exit 2"))
				.expectNext("partial")
				.expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CalledProcessException.class)
						.hasMessageContaining("exit status 2").hasMessageContaining("boom"))
				.verify(Duration.ofSeconds(30));
	}

	@Test
	void cancellingOutputLinesKillsTheProcess() throws Exception {
		// an endless producer: the subscription takes two lines and cancels
		long[] shell = new long[1];
		StepVerifier.create(Subprocess.outputLines("/bin/sh", "-c", "echo $$; while true; do echo tick; sleep 0.01; done")
				.take(2))
				.assertNext(pid -> shell[0] = Long.parseLong(pid))
				.expectNext("tick")
				.verifyComplete();
		ProcessHandle.of(shell[0]).ifPresent(h -> h.onExit().orTimeout(20, TimeUnit.SECONDS).join());
		assertThat(ProcessHandle.of(shell[0]).map(ProcessHandle::isAlive).orElse(false)).isFalse();
	}
}
