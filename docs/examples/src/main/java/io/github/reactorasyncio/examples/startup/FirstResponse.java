package io.github.reactorasyncio.examples.startup;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.http.ClientResponse;
import io.github.reactorasyncio.http.ClientSession;

/**
 * Prints where a fresh JVM's time goes before its first HTTP response: {@code ClientSession.create()}, the first
 * GET, a second GET, and how late the first {@code Async.run}'s 100 ms sleep wakes. Run it in a new JVM each time,
 * against a server in another process:
 * {@code java -cp ... io.github.reactorasyncio.examples.startup.FirstResponse http://127.0.0.1:PORT/}.
 */
public final class FirstResponse {

	private FirstResponse() {
	}

	/**
	 * Measures and prints.
	 *
	 * @param args the URL to GET
	 * @throws Exception if a request fails
	 */
	public static void main(String[] args) throws Exception {
		String url = args.length > 0 ? args[0] : "http://127.0.0.1:8000/";
		long jvmStartToMain = ManagementFactory.getRuntimeMXBean().getUptime();
		long t0 = System.nanoTime();
		long sleepLate = Async.run(() -> {
			long before = System.nanoTime();
			Async.sleep(Duration.ofMillis(100));
			return (System.nanoTime() - before) / 1_000_000 - 100;
		});
		long t1 = System.nanoTime();
		ClientSession session = ClientSession.create();
		long t2 = System.nanoTime();
		long[] gets = Async.run(() -> {
			long[] ms = new long[2];
			for (int i = 0; i < 2; i++) {
				long start = System.nanoTime();
				try (ClientResponse r = Async.await(session.get(url))) {
					Async.await(r.text());
				}
				ms[i] = (System.nanoTime() - start) / 1_000_000;
			}
			return ms;
		});
		long t3 = System.nanoTime();
		session.close();
		System.out.printf("jvm start to main %d ms; first Async.run %d ms (its 100 ms sleep woke %d ms late); "
				+ "ClientSession.create() %d ms; first GET %d ms; second GET %d ms; main to first response %d ms%n",
				jvmStartToMain, (t1 - t0) / 1_000_000, sleepLate, (t2 - t1) / 1_000_000, gets[0], gets[1],
				(t3 - t0 - gets[1] * 1_000_000) / 1_000_000);
	}
}
