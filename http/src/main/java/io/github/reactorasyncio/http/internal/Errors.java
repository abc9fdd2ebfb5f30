package io.github.reactorasyncio.http.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;

import io.github.reactorasyncio.http.ClientConnectionException;
import io.github.reactorasyncio.http.ClientException;
import io.github.reactorasyncio.http.ClientTimeoutException;
import io.netty.channel.ConnectTimeoutException;
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
