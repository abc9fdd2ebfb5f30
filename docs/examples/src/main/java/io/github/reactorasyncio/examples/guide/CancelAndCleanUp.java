package io.github.reactorasyncio.examples.guide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.Task;

/** Cancellation is an exception at the await point; the coroutine may clean up and must re-throw. */
public final class CancelAndCleanUp {

	private CancelAndCleanUp() {
	}

	/**
	 * Starts a download, cancels it, and records what each side saw.
	 *
	 * @return the log of the two sides
	 * @throws Exception never, in practice
	 */
	// tag::main[]
	public static List<String> run() throws Exception {
		List<String> log = new ArrayList<>();
		Async.run(() -> {
			Task<String> download = Async.createTask(() -> {
				try {
					Async.sleep(Duration.ofHours(1));        // stands for a long transfer
					return "file";
				}
				catch (CancelledError e) {
					log.add("download: cancelled, removing the partial file");
					Async.sleep(Duration.ofMillis(1));       // cleanup may await, too
					throw e;                                 // and then re-throw: the task ends CANCELLED
				}
			});
			Async.sleep(Duration.ofMillis(10));
			download.cancel("user pressed stop");
			try {
				Async.await(download);
			}
			catch (CancelledError e) {
				log.add("caller: " + e.getMessage() + ", task is " + download.state());
			}
			return null;
		});
		return log;
	}
	// end::main[]
}
