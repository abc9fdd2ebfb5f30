package io.github.reactorasyncio.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A misbehaving HTTP/1.1 server on a plain {@link ServerSocket}, for tests of what the client does when
 * the peer breaks the protocol on purpose: each request path runs a {@link Behaviour} that writes whatever
 * bytes it likes (a malformed status line, a 103 before the 200, a 204 with a body, a corrupt gzip body),
 * pauses, stalls, closes or resets. Netty's own server cannot be made to send most of these.
 *
 * <p>A JUnit 5 extension: register it with {@code @RegisterExtension static final RawServer raw = new
 * RawServer();} (started before all tests, closed after them) or as an instance field (per test). It
 * listens on 127.0.0.1 on a random port, serves each connection on its own virtual thread, and is
 * bounded: at most {@value #MAX_CONNECTIONS} open connections, every socket read times out after
 * {@value #READ_TIMEOUT_MS} ms, a request head is at most {@value #MAX_HEAD} bytes, and close() closes
 * every socket. An exception a behaviour throws (other than an I/O error from a client that went away)
 * fails the test class when the server closes.
 *
 * <p>A connection serves requests one after another (keep-alive) until a behaviour closes it or the client
 * does; {@link #connections()} counts accepted connections so that a test can tell whether the client reused
 * one. A TLS ClientHello is answered by {@link #onTls(Behaviour)} (default: a plain-text 400, as a plain
 * HTTP server answers a TLS client).
 */
final class RawServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
		AutoCloseable {

	static final int MAX_CONNECTIONS = 64;
	static final int READ_TIMEOUT_MS = 30_000;
	static final int MAX_HEAD = 64 * 1024;
	/** The longest a behaviour may pause or stall: far beyond any test's own wait. */
	static final Duration MAX_PAUSE = Duration.ofSeconds(30);

	/** What the server does with one request. */
	@FunctionalInterface
	interface Behaviour {
		void serve(Exchange exchange) throws Exception;
	}

	private final Map<String, Behaviour> routes = new ConcurrentHashMap<>();
	private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
	private final Set<Socket> open = ConcurrentHashMap.newKeySet();
	private final List<Throwable> failures = new CopyOnWriteArrayList<>();
	private final AtomicInteger connections = new AtomicInteger();
	private volatile Behaviour tls = ex -> ex.send("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
			.close();
	private volatile ServerSocket listener;
	private volatile Thread acceptor;
	private volatile boolean startedForClass;

	/**
	 * Routes a path (the request target without its query) to a behaviour; a later call for the same path
	 * replaces it. Unknown paths get a 404 with an empty body.
	 */
	RawServer route(String path, Behaviour behaviour) {
		routes.put(path, behaviour);
		return this;
	}

	/** What to do when a client starts a TLS handshake on this plain port. */
	RawServer onTls(Behaviour behaviour) {
		this.tls = behaviour;
		return this;
	}

	String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	int port() {
		ServerSocket l = listener;
		if (l == null) {
			throw new IllegalStateException("RawServer is not started: register it with @RegisterExtension");
		}
		return l.getLocalPort();
	}

	/** Connections accepted so far. */
	int connections() {
		return connections.get();
	}

	/** Requests served so far on this path. */
	int hits(String path) {
		AtomicInteger n = hits.get(path);
		return n == null ? 0 : n.get();
	}

	synchronized void start() throws IOException {
		if (listener != null) {
			return;
		}
		ServerSocket l = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		listener = l;
		acceptor = Thread.ofVirtual().name("raw-server-accept-" + l.getLocalPort()).start(() -> accept(l));
	}

	private void accept(ServerSocket l) {
		while (!l.isClosed()) {
			Socket s;
			try {
				s = l.accept();
			}
			catch (IOException e) {
				return; // closed
			}
			if (open.size() >= MAX_CONNECTIONS) {
				closeQuietly(s);
				failures.add(new IllegalStateException("RawServer: more than " + MAX_CONNECTIONS + " open connections"));
				continue;
			}
			int id = connections.incrementAndGet();
			open.add(s);
			Thread.ofVirtual().name("raw-server-conn-" + id).start(() -> serve(s, id));
		}
	}

	private void serve(Socket socket, int id) {
		try (socket) {
			socket.setSoTimeout(READ_TIMEOUT_MS);
			socket.setTcpNoDelay(true);
			InputStream in = socket.getInputStream();
			for (int n = 0; !socket.isClosed(); n++) {
				Exchange ex;
				int first = peek(socket, in);
				if (first < 0) {
					return;
				}
				if (first == 0x16) { // a TLS record: handshake
					ex = new Exchange(socket, id, n, "TLS", "", Map.of());
					tls.serve(ex);
					return;
				}
				ex = readRequest(socket, id, n, first);
				if (ex == null) {
					return;
				}
				hits.computeIfAbsent(ex.path, p -> new AtomicInteger()).incrementAndGet();
				Behaviour b = routes.get(ex.path);
				if (b == null) {
					ex.send("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
				}
				else {
					b.serve(ex);
				}
			}
		}
		catch (SocketException | SocketTimeoutException e) {
			// the client went away or the server closed: nothing to report
		}
		catch (IOException e) {
			if (!String.valueOf(e.getMessage()).contains("Broken pipe")
					&& !String.valueOf(e.getMessage()).contains("reset")) {
				failures.add(e);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (Throwable e) {
			failures.add(e);
		}
		finally {
			open.remove(socket);
		}
	}

	private static int peek(Socket socket, InputStream in) throws IOException {
		try {
			return in.read();
		}
		catch (SocketException e) {
			return -1;
		}
	}

	/** Reads a request head (the first byte was read already) and skips a body of known length. */
	private Exchange readRequest(Socket socket, int id, int n, int first) throws IOException {
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		head.write(first);
		int state = first == '\r' ? 1 : 0;
		while (state < 4) {
			int b = in.read();
			if (b < 0) {
				return null;
			}
			head.write(b);
			if (head.size() > MAX_HEAD) {
				throw new IOException("RawServer: request head over " + MAX_HEAD + " bytes");
			}
			state = switch (state) {
				case 0, 2 -> b == '\r' ? state + 1 : 0;
				case 1, 3 -> b == '\n' ? state + 1 : (b == '\r' ? 1 : 0);
				default -> state;
			};
		}
		String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
		String[] requestLine = lines[0].split(" ");
		Map<String, String> headers = new ConcurrentHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
			}
		}
		String target = requestLine.length > 1 ? requestLine[1] : "/";
		int q = target.indexOf('?');
		String path = q >= 0 ? target.substring(0, q) : target;
		String length = headers.get("content-length");
		if (length != null) {
			in.skipNBytes(Long.parseLong(length));
		}
		return new Exchange(socket, id, n, requestLine[0], path, headers);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		startedForClass = true;
		start();
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		start();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (!startedForClass) {
			closeAndCheck();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		closeAndCheck();
	}

	private void closeAndCheck() {
		close();
		if (!failures.isEmpty()) {
			AssertionError e = new AssertionError("RawServer behaviours failed: " + failures);
			failures.forEach(e::addSuppressed);
			failures.clear();
			throw e;
		}
	}

	/** Closes the listener and every open connection; waits (bounded) for the accept thread to end. */
	@Override
	public synchronized void close() {
		ServerSocket l = listener;
		if (l == null) {
			return;
		}
		listener = null;
		closeQuietly(l);
		for (Socket s : List.copyOf(open)) {
			closeQuietly(s);
		}
		try {
			Thread a = acceptor;
			if (a != null) {
				a.join(Duration.ofSeconds(5));
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static void closeQuietly(AutoCloseable c) {
		try {
			c.close();
		}
		catch (Exception e) {
			// closing: nothing to do
		}
	}

	/** A gzip stream of the text. */
	static byte[] gzip(String s) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
				gz.write(s.getBytes(StandardCharsets.UTF_8));
			}
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/** One request on one connection, and the means to answer it with any bytes at all. */
	static final class Exchange {

		private final Socket socket;
		private final OutputStream out;
		/** 1 for the first connection the server accepted, 2 for the second, ... */
		final int connection;
		/** 0 for the first request on its connection, 1 for the second, ... */
		final int requestOnConnection;
		final String method;
		final String path;
		/** Header names in lower case. */
		final Map<String, String> headers;

		Exchange(Socket socket, int connection, int requestOnConnection, String method, String path,
				Map<String, String> headers) throws IOException {
			this.socket = socket;
			this.out = socket.getOutputStream();
			this.connection = connection;
			this.requestOnConnection = requestOnConnection;
			this.method = method;
			this.path = path;
			this.headers = headers;
		}

		/** Writes the text as ISO-8859-1 bytes, verbatim, and flushes. */
		Exchange send(String raw) throws IOException {
			return send(raw.getBytes(StandardCharsets.ISO_8859_1));
		}

		Exchange send(byte[] raw) throws IOException {
			out.write(raw);
			out.flush();
			return this;
		}

		/** Writes a well-formed response with a Content-Length and the given extra header lines. */
		Exchange respond(int status, String reason, String body, String... headerLines) throws IOException {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
			for (String h : headerLines) {
				head.append(h).append("\r\n");
			}
			head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
			send(head.toString());
			return send(bytes);
		}

		/** Waits, bounded by {@link #MAX_PAUSE}. */
		Exchange pause(Duration d) throws InterruptedException {
			Thread.sleep(d.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : d);
			return this;
		}

		/**
		 * Keeps the connection open and silent until the client closes it (or the server closes, or
		 * {@link RawServer#READ_TIMEOUT_MS} pass), reading and dropping whatever the client sends.
		 */
		void stall() throws IOException {
			InputStream in = socket.getInputStream();
			byte[] sink = new byte[4096];
			while (in.read(sink) >= 0) {
				// drop
			}
			socket.close();
		}

		/** Closes the connection (a FIN). */
		void close() throws IOException {
			socket.close();
		}

		/** Resets the connection (an RST). */
		void reset() throws IOException {
			socket.setSoLinger(true, 0);
			socket.close();
		}

		/** Lists the lower-case header names, for assertions. */
		List<String> headerNames() {
			return new ArrayList<>(headers.keySet());
		}
	}
}
