package io.github.reactorasyncio.http.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;

import javax.net.ssl.SSLException;

import io.github.reactorasyncio.http.ClientConnectionException;
import io.github.reactorasyncio.http.ClientException;
import io.github.reactorasyncio.http.ClientPayloadException;
import io.github.reactorasyncio.http.ClientSslException;
import io.github.reactorasyncio.http.InvalidUrlException;
import io.github.reactorasyncio.http.MalformedResponseException;
import io.github.reactorasyncio.http.ClientTimeoutException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;

/** Translates what Reactor Netty signals into this package's exceptions, with messages a person can act on. */
public final class Errors {

	private Errors() {
	}

	/**
	 * @param e what Reactor Netty signalled
	 * @return the matching {@link ClientException} or {@link ClientTimeoutException}, or {@code e} itself when it is not a network failure
	 */
	public static Throwable map(Throwable e, String method, URI url, Duration connectTimeout, Duration readTimeout,
			Duration totalTimeout) {
		if (e instanceof ClientException || e instanceof ClientTimeoutException) {
			return e;
		}
		if (find(e, ReadTimeoutException.class) != null) {
			return new ClientTimeoutException(ClientTimeoutException.Kind.READ, readTimeout, method, url, e);
		}
		if (find(e, ConnectTimeoutException.class) != null) {
			return new ClientTimeoutException(ClientTimeoutException.Kind.CONNECT, connectTimeout, method, url, e);
		}
		if (find(e, PoolAcquireTimeoutException.class) != null) {
			return new ClientTimeoutException(ClientTimeoutException.Kind.TOTAL, totalTimeout, method, url, e);
		}
		String target = url.getHost() + ":" + port(url);
		String request = method + " " + url;
		OutOfMemoryError direct = directMemoryError(e);
		if (direct != null) {
			return new ClientPayloadException("The direct memory ran out while " + request + " was sent or its response "
					+ "read (" + direct.getMessage() + "): Netty's buffers are off the heap, bounded by "
					+ "-XX:MaxDirectMemorySize (by default the heap's maximum), and this request, or others in flight at "
					+ "the same time, filled them. The connection was closed. Buffer less at once: lower maxBodyBytes, "
					+ "read big bodies as they arrive with content() instead of text()/read()/json(), send big ones with "
					+ "RequestBody.stream, or send fewer requests at once; or raise -XX:MaxDirectMemorySize.", method,
					url, direct);
		}
		ResponseGuard.MalformedHttp malformed = find(e, ResponseGuard.MalformedHttp.class);
		if (malformed != null) {
			return new MalformedResponseException("The server " + target + " answered " + request + " with "
					+ malformedWhat(malformed) + ", which is not valid HTTP/1.1. The connection was closed; the server "
					+ "(or a proxy in between) is broken, so retrying will most likely fail the same way.", method, url,
					malformed.getCause());
		}
		DecompressionException corrupt = find(e, DecompressionException.class);
		if (corrupt != null) {
			return new ClientPayloadException("The body of " + request + " cannot be decompressed (" + corrupt.getMessage()
					+ "): the server declared a Content-Encoding its body does not have, or sent it corrupt. The "
					+ "connection was closed. Build the session with compress(false) to read the raw bytes.", method,
					url, corrupt);
		}
		NotSslRecordException notTls = find(e, NotSslRecordException.class);
		if (notTls != null) {
			return new ClientSslException("The server " + target + " answered the TLS handshake of " + request
					+ " with plain text: the port does not speak TLS (a plain HTTP port?). Use http:// for this "
					+ "port, or the server's TLS port.", method, url, notTls);
		}
		SslHandshakeTimeoutException handshakeTimeout = find(e, SslHandshakeTimeoutException.class);
		if (handshakeTimeout != null) {
			return new ClientTimeoutException(ClientTimeoutException.Kind.CONNECT, connectTimeout, method, url, e);
		}
		SSLException tls = find(e, SSLException.class);
		if (tls != null) {
			return new ClientSslException("The TLS handshake with " + target + " for " + request + " failed ("
					+ tls.getMessage() + "). Check the server's certificate and that it speaks TLS on this port.",
					method, url, tls);
		}
		IllegalArgumentException badRedirect = find(e, IllegalArgumentException.class);
		if (badRedirect != null && isRedirectFailure(badRedirect)) {
			return new MalformedResponseException(request + " was redirected to a Location that cannot be followed ("
					+ describe(badRedirect) + "): only http and https Locations are followed. Build the session with "
					+ "followRedirects(false) to get the redirect response itself.", method, url, badRedirect);
		}
		if (badRedirect != null && String.valueOf(badRedirect.getMessage()).startsWith("port out of range")) {
			return new InvalidUrlException(url.toString(), "its port " + url.getPort() + " is out of range: a port is "
					+ "a number from 1 to 65535.", badRedirect);
		}
		if (find(e, UnknownHostException.class) != null) {
			return new ClientConnectionException("Cannot resolve the host name '" + url.getHost() + "' of " + request
					+ " (DNS lookup failed). Check the spelling of the host and the network's DNS settings.", method,
					url, e);
		}
		if (find(e, ConnectException.class) != null) {
			return new ClientConnectionException("Cannot connect to " + target + " for " + request
					+ ": connection refused. Check that the server is running and that the URL's host and port "
					+ "are right.", method, url, e);
		}
		PrematureCloseException premature = find(e, PrematureCloseException.class);
		if (premature != null) {
			String when = String.valueOf(premature.getMessage()).contains("BEFORE") ? "before it sent a response"
					: "in the middle of the response";
			return new ClientConnectionException("The server " + target + " closed the connection " + when + " to "
					+ request + ". It may have crashed or reset the connection; retrying is safe if the request is "
					+ "idempotent.", method, url, e);
		}
		if (isReset(e)) {
			return new ClientConnectionException("The server " + target + " reset the connection during " + request
					+ ". It may have crashed or rejected the request; retrying is safe if the request is "
					+ "idempotent.", method, url, e);
		}
		if (find(e, AbortedException.class) != null || find(e, ClosedChannelException.class) != null) {
			return new ClientConnectionException("The connection to " + target + " was closed during " + request
					+ " (" + e.getMessage() + "). The server or a proxy dropped it, or the response was closed "
					+ "while its body was being read.", method, url, e);
		}
		return e;
	}

	/**
	 * The direct-memory exhaustion in {@code e}'s causes: Netty's {@code OutOfDirectMemoryError} or the JDK's
	 * {@code OutOfMemoryError: Direct buffer memory} (not a heap exhaustion, which this library does not own).
	 */
	static @Nullable OutOfMemoryError directMemoryError(Throwable e) {
		int depth = 0;
		for (Throwable t = e; t != null && depth < 10; t = t.getCause(), depth++) {
			if (t instanceof OutOfMemoryError oom && (oom.getClass().getName().equals(NETTY_DIRECT_OOM)
					|| String.valueOf(oom.getMessage()).contains("Direct buffer memory"))) {
				return oom;
			}
		}
		return null;
	}

	private static final String NETTY_DIRECT_OOM = "io.netty.util.internal.OutOfDirectMemoryError";

	/**
	 * Makes a direct-memory exhaustion an ordinary exception before it reaches Reactor, which rethrows a JVM
	 * error on the thread that signals it ({@code Exceptions.throwIfJvmFatal}) instead of passing it on: the
	 * request would then never end. Anything else is returned as is.
	 *
	 * @param e an error signalled while a request is written or its response read
	 * @return {@code e}, or a {@link DirectMemoryExhausted} whose cause is it
	 */
	public static Throwable nonFatal(Throwable e) {
		return directMemoryError(e) != null && e instanceof Error ? new DirectMemoryExhausted(e) : e;
	}

	/** Carries a direct-memory {@link OutOfMemoryError} through Reactor to {@link #map}, which types it. */
	static final class DirectMemoryExhausted extends RuntimeException {

		private static final long serialVersionUID = 1L;

		DirectMemoryExhausted(Throwable cause) {
			super(String.valueOf(cause.getMessage()), cause, false, false);
		}
	}

	private static String malformedWhat(ResponseGuard.MalformedHttp m) {
		Throwable c = m.getCause();
		String msg = String.valueOf(c.getMessage());
		if (c instanceof TooLongHttpHeaderException) {
			return "headers over the limit of 8 KiB (" + msg + ")";
		}
		if (c instanceof TooLongHttpLineException) {
			return "a status line over the limit of 4 KiB (" + msg + ")";
		}
		if (msg.contains("Content-Length")) {
			return "a bad Content-Length header (" + msg + ")";
		}
		if (m.inBody) {
			return msg.contains("chunk") ? "an invalid chunk size in its chunked body (" + msg + ")"
					: "a malformed body (" + msg + ")";
		}
		return "a malformed status line or header (" + msg + ")";
	}

	private static boolean isRedirectFailure(IllegalArgumentException e) {
		String msg = String.valueOf(e.getMessage());
		return msg.startsWith("Invalid scheme [") || msg.startsWith("Cannot resolve location header");
	}

	private static String describe(Throwable e) {
		Throwable cause = e.getCause();
		return e.getMessage() + (cause != null && cause != e ? ": " + cause.getMessage() : "");
	}

	private static boolean isReset(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof IOException && t.getMessage() != null
					&& (t.getMessage().contains("Connection reset") || t.getMessage().contains("Broken pipe"))) {
				return true;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return AbortedException.isConnectionReset(e);
	}

	private static <X extends Throwable> @Nullable X find(Throwable e, Class<X> type) {
		int depth = 0;
		for (Throwable t = e; t != null && depth < 10; t = t.getCause(), depth++) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

	private static int port(URI url) {
		if (url.getPort() != -1) {
			return url.getPort();
		}
		return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
	}
}
