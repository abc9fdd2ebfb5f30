package io.github.reactorasyncio.examples.porting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.AsyncIterator;
import io.github.reactorasyncio.Event;
import io.github.reactorasyncio.Held;
import io.github.reactorasyncio.Queue;
import io.github.reactorasyncio.Semaphore;
import io.github.reactorasyncio.Task;
import io.github.reactorasyncio.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** asyncio's toolkit, ported: each method is one program of docs/porting-from-python.md. */
public final class Toolkit {

	private Toolkit() {
	}

	/** Stands for any non-blocking call that takes a while: an HTTP request, a query. */
	static Mono<String> fetch(String url) {
		return Mono.delay(Duration.ofMillis(10)).thenReturn("<" + url + ">");
	}

	/**
	 * Workers take URLs from a queue until it is drained.
	 *
	 * @param urls what to fetch
	 * @param workers how many workers
	 * @return the pages, in the order the workers finished them
	 * @throws Exception if the program fails
	 */
	public static List<String> queueWithWorkers(List<String> urls, int workers) throws Exception {
		// tag::queue[]
		return Async.run(() -> {
			Queue<String> queue = Queue.create();
			List<String> pages = new ArrayList<>();             // one loop: no lock needed
			for (String url : urls) {
				queue.putNowait(url);
			}
			List<Task<?>> tasks = new ArrayList<>();
			for (int i = 0; i < workers; i++) {
				tasks.add(Async.createTask(() -> {
					while (true) {
						String url = queue.get();                 // waits while the queue is empty
						try {
							pages.add(Async.await(fetch(url)));
						}
						finally {
							queue.taskDone();
						}
					}
				}));
			}
			queue.join();                                       // until taskDone() for every item
			tasks.forEach(Task::cancel);                        // the workers would wait forever
			Async.gatherReturnExceptions(tasks);            // let them finish cancelling
			return pages;
		});
		// end::queue[]
	}

	/**
	 * Downloads with at most {@code limit} at a time.
	 *
	 * @param urls what to download
	 * @param limit how many at once
	 * @return the most downloads that were ever in flight together
	 * @throws Exception if the program fails
	 */
	@SuppressWarnings("try") // the permit is held for the block, never named in it: async with's way
	public static int semaphoreLimitingDownloads(List<String> urls, int limit) throws Exception {
		// tag::semaphore[]
		return Async.run(() -> {
			Semaphore semaphore = Semaphore.create(limit);
			int[] inFlight = {0, 0};                             // now, and the most ever
			List<Task<String>> downloads = new ArrayList<>();
			for (String url : urls) {
				downloads.add(Async.createTask(() -> {
					try (Held permit = semaphore.acquire()) {       // async with semaphore:
						inFlight[1] = Math.max(inFlight[1], ++inFlight[0]);
						String page = Async.await(fetch(url));
						inFlight[0]--;
						return page;
					}
				}));
			}
			Async.gather(downloads);
			return inFlight[1];
		});
		// end::semaphore[]
	}

	/**
	 * One task waits for an event another sets.
	 *
	 * @return what the waiter saw
	 * @throws Exception if the program fails
	 */
	public static String event() throws Exception {
		// tag::event[]
		return Async.run(() -> {
			Event ready = Event.create();
			Task<String> waiter = Async.createTask(() -> {
				ready.await();                                  // await ready.wait()
				return "the event was set";
			});
			Async.sleep(Duration.ofMillis(10));
			ready.set();                                        // wakes every waiter
			return Async.await(waiter);
		});
		// end::event[]
	}

	/**
	 * A coroutine that takes too long, under {@code wait_for}.
	 *
	 * @return what happened
	 * @throws Exception if the program fails otherwise
	 */
	public static String waitForACoroutine() throws Exception {
		// tag::waitfor[]
		return Async.run(() -> {
			Task<String> slow = Async.createTask(() -> {
				Async.sleep(Duration.ofSeconds(10));
				return "done";
			});
			try {
				return Async.waitFor(slow, Duration.ofMillis(50));  // a Mono works too
			}
			catch (java.util.concurrent.TimeoutException e) {     // Python's TimeoutError
				return "timed out; the task was cancelled: " + slow.isCancelled();
			}
		});
		// end::waitfor[]
	}

	/**
	 * A block with no deadline at first, then one set from inside.
	 *
	 * @return what happened
	 * @throws Exception if the program fails otherwise
	 */
	public static String timeoutNoneThenReschedule() throws Exception {
		// tag::reschedule[]
		return Async.run(() -> {
			Timeout timeout = Timeout.after(null);               // async with asyncio.timeout(None) as cm:
			try {
				return timeout.run(() -> {
					timeout.rescheduleAfter(Duration.ofMillis(50)); // cm.reschedule(loop.time() + 0.05)
					Async.sleep(Duration.ofSeconds(10));
					return "finished";
				});
			}
			catch (java.util.concurrent.TimeoutException e) {
				return "expired: " + timeout.expired();
			}
		});
		// end::reschedule[]
	}

	/**
	 * Two calls at once.
	 *
	 * @return both results, in order
	 * @throws Exception if the program fails
	 */
	public static List<String> gatherMonos() throws Exception {
		// tag::gather[]
		return Async.run(() -> Async.gather(fetch("a"), fetch("b")));  // both at once, results in order
		// end::gather[]
	}

	/**
	 * Sums a stream as it arrives.
	 *
	 * @return the sum
	 * @throws Exception if the program fails
	 */
	public static int asyncForOverAFlux() throws Exception {
		// tag::asyncfor[]
		Flux<Integer> numbers = Flux.range(1, 5).delayElements(Duration.ofMillis(5));
		return Async.run(() -> {
			int sum = 0;
			try (AsyncIterator<Integer> it = Async.iterate(numbers)) {   // async for n in numbers:
				while (it.hasNext()) {                                  // suspends until the next one
					sum += it.next();
				}
			}
			return sum;
		});
		// end::asyncfor[]
	}

	// tag::generator[]
	/**
	 * Counts down, one number per tick: an async generator.
	 *
	 * @param from where to start
	 * @return a cold Flux; each subscriber runs the body once
	 */
	public static Flux<Integer> countdown(int from) {
		return Async.flux(emitter -> {
			for (int i = from; i > 0; i--) {
				emitter.emit(i);                                // yield i: waits for demand
				Async.sleep(Duration.ofMillis(5));
			}
		});
	}
	// end::generator[]
}
