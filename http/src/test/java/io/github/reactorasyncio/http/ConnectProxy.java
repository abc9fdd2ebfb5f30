package io.github.reactorasyncio.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny HTTP proxy on 127.0.0.1 for tests: it answers {@code CONNECT host:port} (what Netty's
 * {@code HttpProxyHandler} sends, for http and https URLs alike) by connecting to the target and copying bytes
 * both ways, and records each CONNECT line and its {@code Proxy-Authorization} header. Threads are virtual;
 * {@link #close()} closes every socket.
 */
final class ConnectProxy implements AutoCloseable {

	final List<String> connects = new CopyOnWriteArrayList<>();
	final List<String> authorizations = new CopyOnWriteArrayList<>();
	private final List<Socket> sockets = new CopyOnWriteArrayList<>();
	private final ServerSocket server;

	ConnectProxy() throws IOException {
		server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
		Thread.ofVirtual().start(this::accept);
	}

	int port() {
		return server.getLocalPort();
	}

	String url() {
		return "http://127.0.0.1:" + port();
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket s = server.accept();
				sockets.add(s);
				Thread.ofVirtual().start(() -> serve(s));
			}
			catch (IOException e) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		try {
			InputStream in = client.getInputStream();
			String head = readHead(in);
			String[] lines = head.split("\r\n");
			connects.add(lines[0]);
			for (String l : lines) {
				if (l.regionMatches(true, 0, "Proxy-Authorization:", 0, 20)) {
					authorizations.add(l.substring(20).trim());
				}
			}
			String[] target = lines[0].split(" ")[1].split(":");
			Socket upstream = new Socket(target[0], Integer.parseInt(target[1]));
			sockets.add(upstream);
			client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			Thread.ofVirtual().start(() -> copy(upstream, client));
			copy(client, upstream);
		}
		catch (IOException | RuntimeException e) {
			close(client);
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1) {
			head.write(b);
			byte[] h = head.toByteArray();
			int n = h.length;
			if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
				break;
			}
			if (n > 16384) {
				throw new IOException("head too long");
			}
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	private static void copy(Socket from, Socket to) {
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			byte[] buf = new byte[8192];
			int n;
			while ((n = in.read(buf)) != -1) {
				out.write(buf, 0, n);
				out.flush();
			}
		}
		catch (IOException ignored) {
			// the other side closed
		}
		close(from);
		close(to);
	}

	private static void close(Socket s) {
		try {
			s.close();
		}
		catch (IOException ignored) {
			// closing anyway
		}
	}

	@Override
	public void close() throws IOException {
		server.close();
		sockets.forEach(ConnectProxy::close);
	}
}
