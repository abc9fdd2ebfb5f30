package io.github.reactorasyncio.examples.io;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.github.reactorasyncio.http.ClientSession;
import io.github.reactorasyncio.http.TraceConfig;

/** Logging and timing every request of a session, as aiohttp's {@code TraceConfig}. */
public final class Tracing {

	private Tracing() {
	}

	// tag::main[]
	/**
	 * Python: {@code tc = aiohttp.TraceConfig(); tc.on_request_end.append(on_end)} and
	 * {@code aiohttp.ClientSession(trace_configs=[tc])}.
	 *
	 * @param log where each finished request writes a line (called from Netty threads: thread-safe)
	 * @return a session that logs its requests
	 */
	public static ClientSession loggingSession(List<String> log) {
		TraceConfig timing = new TraceConfig() {
			@Override
			public void onRequestEnd(String method, URI url, int status, Duration elapsed) {
				log.add(method + " " + url.getPath() + " -> " + status);
			}

			@Override
			public void onRequestException(String method, URI url, Throwable error, Duration elapsed) {
				log.add(method + " " + url.getPath() + " failed: " + error.getClass().getSimpleName());
			}
		};
		return ClientSession.builder().traceConfig(timing).build();
	}
	// end::main[]
}
