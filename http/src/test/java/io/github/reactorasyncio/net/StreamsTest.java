package io.github.reactorasyncio.net;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.Event;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.IncompleteReadException;
import io.github.reactorasyncio.Task;
import io.github.reactorasyncio.http.NettyLeakCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Streams} over real TCP connections on 127.0.0.1: a server and a client on one loop. */
@ExtendWith(NettyLeakCheck.class)
@Timeout(60)
class StreamsTest {

	private EventLoop loop;

	@BeforeEach
	void setUp() {
		loop = EventLoop.create();
	}

	@AfterEach
	void tearDown() {
		loop.close();
	}

	private static byte[] b(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	private static String s(byte[] b) {
		return new String(b, StandardCharsets.UTF_8);
	}

	@Test
	void linesGoBothWaysAndEachConnectionGetsItsOwnHandler() throws Exception {
		List<String> got = loop.run(() -> {
			try (StreamServer server = Streams.startServer((reader, writer) -> {
				byte[] line;
				while ((line = reader.readLine()).length > 0) {
					writer.write(b("you said " + s(line)));
					writer.drain();
				}
			}, "127.0.0.1", 0)) {
				List<String> out = new ArrayList<>();
				try (StreamConnection a = Streams.openConnection("127.0.0.1", server.port());
						StreamConnection c = Streams.openConnection("127.0.0.1", server.port())) {
					a.writer().write(b("one\n"));
					c.writer().write(b("two\n"));
					a.writer().drain();
					c.writer().drain();
					out.add(s(c.reader().readLine()).strip());
					out.add(s(a.reader().readLine()).strip());
				}
				return out;
			}
		});
		assertThat(got).containsExactly("you said two", "you said one");
	}

	@Test
	void halfCloseLetsTheServerReadToTheEndAndStillAnswer() throws Exception {
		String reply = loop.run(() -> {
			try (StreamServer server = Streams.startServer((reader, writer) -> {
				byte[] all = reader.read(-1);              // until the client's FIN
				writer.write(b("got " + all.length + " bytes"));
			}, "127.0.0.1", 0);
					StreamConnection c = Streams.openConnection("127.0.0.1", server.port())) {
				assertThat(c.writer().canWriteEof()).isTrue();
				c.writer().write(new byte[100_000]);
				c.writer().writeEof();
				return s(c.reader().read(-1));
			}
		});
		assertThat(reply).isEqualTo("got 100000 bytes");
	}

	@Test
	void eightMegabytesEachWayWithDrainAndAReaderThatTakesSmallBites() throws Exception {
		byte[] data = new byte[8 * 1024 * 1024];
		new Random(42).nextBytes(data);
		byte[] echoed = loop.run(() -> {
			try (StreamServer server = Streams.startServer((reader, writer) -> {
				// echo in small bites: the client's writes must wait for it (drain), and its reads for the echo
				for (;;) {
					byte[] chunk = reader.read(4096);
					if (chunk.length == 0) {
						return;
					}
					writer.write(chunk);
					writer.drain();
				}
			}, "127.0.0.1", 0);
					StreamConnection c = Streams.openConnection("127.0.0.1", server.port())) {
				Task<byte[]> reading = Async.createTask(() -> c.reader().read(-1));
				for (int i = 0; i < data.length; i += 64 * 1024) {
					c.writer().write(Arrays.copyOfRange(data, i, i + 64 * 1024));
					c.writer().drain();
				}
				c.writer().writeEof();
				return Async.await(reading);
			}
		});
		assertThat(echoed.length).isEqualTo(data.length);
		assertThat(Arrays.equals(echoed, data)).as("the echo is the data, in order").isTrue();
	}

	@Test
	void aPeerThatClosesMidMessageEndsReadExactlyWithThePartialBytes() throws Exception {
		String partial = loop.run(() -> {
			try (StreamServer server = Streams.startServer((reader, writer) -> writer.write(b("only this")),
					"127.0.0.1", 0);
					StreamConnection c = Streams.openConnection("127.0.0.1", server.port())) {
				try {
					c.reader().readExactly(100);
					return "no error";
				}
				catch (IncompleteReadException e) {
					return s(e.partial()) + " of " + e.expected();
				}
			}
		});
		assertThat(partial).isEqualTo("only this of 100");
	}

	@Test
	void aRefusedConnectionIsAConnectException() throws Exception {
		int unused = loop.run(() -> {
			StreamServer server = Streams.startServer((r, w) -> { }, "127.0.0.1", 0);
			int port = server.port();
			server.close();
			server.waitClosed();
			return port;
		});
		assertThatThrownBy(() -> loop.run(() -> Streams.openConnection("127.0.0.1", unused)))
				.isInstanceOf(ConnectException.class);
	}

	@Test
	void cancellingAClientWhileItReadsClosesItsConnectionAndTheServerSeesTheEnd() throws Exception {
		List<String> steps = new ArrayList<>();
		loop.run(() -> {
			Event connected = Event.create();
			Event serverSawEof = Event.create();
			try (StreamServer server = Streams.startServer((reader, writer) -> {
				connected.set();
				steps.add("server read " + reader.read(10).length + " bytes");
				serverSawEof.set();
			}, "127.0.0.1", 0)) {
				Event clientConnected = Event.create();
				Task<byte[]> client = Async.createTask(() -> {
					try (StreamConnection c = Streams.openConnection("127.0.0.1", server.port())) {
						clientConnected.set();             // wakes the test, which runs once this task suspends:
						return c.reader().read(10);       // the server never writes, so cancelled here
					}
				});
				connected.await();
				clientConnected.await();               // not cancelled while still connecting (another test's case)
				client.cancel();
				try {
					Async.await(client);
				}
				catch (CancelledError e) {
					steps.add("client cancelled");
				}
				serverSawEof.await();
			}
			return null;
		});
		assertThat(steps).containsExactly("client cancelled", "server read 0 bytes");
	}

	@Test
	void cancellingAClientAsTheServerAcceptsLeavesNoConnectionOpen() throws Exception {
		int[] accepted = { 0 };
		int[] ended = { 0 };
		Event[] serverSide = new Event[1];
		boolean allEnded = loop.run(() -> {
			try (StreamServer server = Streams.startServer((reader, writer) -> {
				accepted[0]++;
				serverSide[0].set();
				try {
					reader.read(-1);                      // until the client's end, which a leaked connection never sends
				}
				finally {
					ended[0]++;
				}
			}, "127.0.0.1", 0)) {
				for (int i = 0; i < 40; i++) {
					serverSide[0] = Event.create();
					Task<byte[]> client = Async.createTask(() -> {
						try (StreamConnection c = Streams.openConnection("127.0.0.1", server.port())) {
							return c.reader().read(10);
						}
					});
					// cancelled as soon as the server has the connection: the client may still wait for its side of
					// it (the connect Mono not yet emitted), or already read
					serverSide[0].await();
					client.cancel();
					try {
						Async.await(client);
					}
					catch (CancelledError expected) {
						// what every attempt ends with
					}
				}
				for (int polls = 0; polls < 1000 && ended[0] < accepted[0]; polls++) {
					Async.sleep(Duration.ofMillis(10));      // bounded: a leaked connection keeps ended below accepted
				}
				return ended[0] == accepted[0];
			}
		});
		assertThat(allEnded).as("every connection the server accepted (%d) saw its end (%d)", accepted[0], ended[0])
				.isTrue();
	}

	@Test
	void aHandlerThatThrowsClosesItsConnection() throws Exception {
		byte[] got = loop.run(() -> {
			try (StreamServer server = Streams.startServer((reader, writer) -> {
				writer.write(b("before the failure"));
				throw new IOException("handler failed");
			}, "127.0.0.1", 0);
					StreamConnection c = Streams.openConnection("127.0.0.1", server.port())) {
				return c.reader().read(-1);
			}
		});
		assertThat(s(got)).isEqualTo("before the failure");
	}

	@Test
	void writingAfterCloseIsAnError() throws Exception {
		AtomicReference<Throwable> error = new AtomicReference<>();
		loop.run(() -> {
			try (StreamServer server = Streams.startServer((r, w) -> r.read(-1), "127.0.0.1", 0)) {
				StreamConnection c = Streams.openConnection("127.0.0.1", server.port());
				c.close();
				c.writer().waitClosed();
				assertThat(c.writer().isClosing()).isTrue();
				try {
					c.writer().write(b("late"));
				}
				catch (IllegalStateException e) {
					error.set(e);
				}
			}
			return null;
		});
		assertThat(error.get()).hasMessageContaining("closing");
	}

	@Test
	void outsideACoroutineItSaysWhereToCallIt() {
		assertThatThrownBy(() -> Streams.openConnection("127.0.0.1", 1)).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("from a coroutine");
	}
}
