package io.github.reactorasyncio.http.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.reactorasyncio.http.TraceConfig;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * A session's {@link TraceConfig}s, called in order; a callback that throws a {@link RuntimeException} is
 * logged and skipped, so that tracing never breaks a request.
 */
public final class Tracers {

	private static final Logger LOG = Loggers.getLogger(TraceConfig.class);

	private final List<TraceConfig> configs;

	public Tracers(List<TraceConfig> configs) {
		this.configs = List.copyOf(configs);
	}

	public boolean isEmpty() {
		return configs.isEmpty();
	}

	/** {@return the headers a request starts with: the session's, each replaced by the request's of that name} */
	public static HttpHeaders headers(List<Map.Entry<String, String>> session, List<Map.Entry<String, String>> request) {
		HttpHeaders h = new DefaultHttpHeaders();
		session.forEach(e -> h.add(e.getKey(), e.getValue()));
		request.forEach(e -> h.remove(e.getKey()));
		request.forEach(e -> h.add(e.getKey(), e.getValue()));
		return h;
	}

	public void start(String method, URI url, HttpHeaders headers) {
		each("onRequestStart", method, url, c -> c.onRequestStart(method, url, headers));
	}

	public void end(String method, URI url, int status, long startNanos) {
		Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
		each("onRequestEnd", method, url, c -> c.onRequestEnd(method, url, status, elapsed));
	}

	public void exception(String method, URI url, Throwable error, long startNanos) {
		Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
		each("onRequestException", method, url, c -> c.onRequestException(method, url, error, elapsed));
	}

	/** The session's redirect predicate, wrapped so that each redirect followed is traced. */
	public boolean follow(HttpClientRequest req, HttpClientResponse res) {
		boolean follow = Redirects.follow(req, res);
		if (follow) {
			String method = req.method().name();
			URI url = URI.create(res.resourceUrl());
			int status = res.status().code();
			String location = String.valueOf(res.responseHeaders().get("Location"));
			each("onRequestRedirect", method, url, c -> c.onRequestRedirect(method, url, status, location));
		}
		return follow;
	}

	// a hook that throws is logged and skipped: tracing must never change what the request does
	private void each(String hook, String method, URI url, Consumer<TraceConfig> call) {
		for (TraceConfig c : configs) {
			try {
				call.accept(c);
			}
			catch (RuntimeException e) {
				failed(hook, c, method, url, e);
			}
		}
	}

	private static void failed(String hook, TraceConfig c, String method, URI url, RuntimeException e) {
		LOG.warn("TraceConfig " + c + " threw from " + hook + " for " + method + " " + url
				+ "; the request goes on as if it had returned", e);
	}
}
