package io.github.reactorasyncio.http.internal;

import reactor.netty.resources.LoopResources;

/**
 * The Netty event loops ({@code LoopResources}) of sessions that do not ask for their own: one shared set, one
 * daemon thread per available processor, made at the first request and kept for the life of the process.
 * Reactor Netty's own default starts at least 4 IO threads whatever the core count; on a machine or container
 * with one or two cores, the extra threads only add wake-ups and context switches to every request.
 */
public final class IoThreads {

	/** The prefix of the shared threads' names ({@code reactor-http-session-epoll-1}, …). */
	static final String PREFIX = "reactor-http-session";

	private IoThreads() {
	}

	private static final class Shared {
		static final LoopResources LOOPS = LoopResources.create(PREFIX, defaultCount(), true);
	}

	/** {@return the shared event loops, made at the first call} */
	public static LoopResources shared() {
		return Shared.LOOPS;
	}

	/**
	 * {@return how many threads the shared event loops have: Reactor Netty's {@code reactor.netty.ioWorkerCount}
	 * system property if set, else the available processors}
	 */
	public static int defaultCount() {
		String set = System.getProperty("reactor.netty.ioWorkerCount");
		if (set != null) {
			try {
				int n = Integer.parseInt(set.trim());
				if (n > 0) {
					return n;
				}
			}
			catch (NumberFormatException e) {
				// not a count: the processors, as if unset
			}
		}
		return Math.max(1, Runtime.getRuntime().availableProcessors());
	}

	/** {@return a session's own event loops of {@code count} daemon threads; dispose them with the session} */
	public static LoopResources own(int id, int count) {
		return LoopResources.create(PREFIX + "-" + id, count, true);
	}
}
