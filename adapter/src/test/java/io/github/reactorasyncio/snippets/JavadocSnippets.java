package io.github.reactorasyncio.snippets;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.AsyncIterator;
import io.github.reactorasyncio.CancelledError;
import io.github.reactorasyncio.Awaitable;
import io.github.reactorasyncio.Condition;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.EventLoopGroup;
import io.github.reactorasyncio.Held;
import io.github.reactorasyncio.Lock;
import io.github.reactorasyncio.Queue;
import io.github.reactorasyncio.Semaphore;
import io.github.reactorasyncio.StreamWriter;
import io.github.reactorasyncio.Subprocess;
import io.github.reactorasyncio.Task;
import io.github.reactorasyncio.TaskGroup;
import io.github.reactorasyncio.Timeout;
import io.github.reactorasyncio.metrics.EventLoopMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The code samples of the adapter's public javadoc, each a named snippet region of this file that a javadoc
 * comment includes by file and region name (the javadoc build is given this directory as its snippet path).
 * So a sample is compiled with the tests and run by {@code JavadocSnippetsTest}, and
 * {@code JavadocSamplesTest} keeps inline samples, which nothing compiles, out of the javadoc. This comment
 * must not spell the markup itself: javadoc reads the whole file as a snippet.
 */
public final class JavadocSnippets {

	// what the samples talk to: small stand-ins for a client, a repository and a writer
	record Page(String body, String next) {
	}

	record Row(int n, boolean isLast) {
	}

	record Job(int n) {
	}

	record Response(String body) {
		Mono<String> text() {
			return Mono.just(body);
		}
	}

	final List<String> log = new ArrayList<>();

	Mono<String> fetch(String what) {
		return Mono.just("page " + what).delayElement(Duration.ofMillis(1));
	}

	Mono<Response> connect() {
		return Mono.just(new Response("hello"));
	}

	Mono<String> get(String url) {
		return fetch(url);
	}

	Mono<Void> write(String record) {
		return Mono.fromRunnable(() -> log.add(record));
	}

	Mono<Page> page(String cursor) {
		return Mono.just(cursor == null ? new Page("first", "2") : new Page("second", null));
	}

	Flux<Row> findAll() {
		return Flux.just(new Row(1, false), new Row(2, true), new Row(3, false));
	}

	Mono<Void> handle(Row row) {
		return Mono.fromRunnable(() -> log.add("row " + row.n()));
	}

	void handle(Job job) {
		log.add("job " + job.n());
	}

	/** Async's class sample. */
	String async() throws Exception {
		// @start region="Async"
		String body = Async.run(() -> {
			Task<String> a = Async.createTask(() -> Async.await(fetch("a")));
			String b = Async.await(fetch("b"));      // a runs while b is awaited
			return Async.await(a) + b;
		});
		// @end
		return body;
	}

	/** CancelledError's sample, inside a coroutine. */
	String cancelledError(Mono<String> work) throws Exception {
		// @start region="CancelledError"
		try {
			return Async.await(work);
		}
		catch (CancelledError e) {
			Async.await(cleanUp()); // awaiting again is allowed
			throw e;
		}
		// @end
	}

	Mono<Void> cleanUp() {
		return Mono.delay(Duration.ofMillis(1)).doOnNext(t -> log.add("cleaned up")).then();
	}

	/** asCompleted's sample, inside a coroutine. */
	List<String> asCompleted(List<Task<String>> tasks) throws Exception {
		List<String> inOrder = new ArrayList<>();
		// @start region="asCompleted"
		for (Awaitable<String> next : Async.asCompleted(tasks)) {
			String first = Async.await(next);
			// @replace regex="inOrder.add\(first\);" replacement="..."
			inOrder.add(first);
		}
		// @end
		return inOrder;
	}

	/** TaskGroup's class sample, inside a coroutine. */
	List<String> taskGroup() throws Exception {
		// @start region="TaskGroup"
		List<Task<String>> tasks = TaskGroup.run(group -> List.of(
				group.createTask(() -> Async.await(fetch("a"))),
				group.createTask(() -> Async.await(fetch("b")))));
		String a = tasks.get(0).result();      // both are done here: result() returns at once
		String b = tasks.get(1).result();
		// @end
		return List.of(a, b);
	}

	/** Timeout's class sample, inside a coroutine. */
	String timeout() throws Exception {
		// @start region="Timeout"
		Timeout t = Timeout.after(Duration.ofSeconds(10));
		String page = t.run(() -> {
			Response r = Async.await(connect());
			t.rescheduleAfter(Duration.ofSeconds(30)); // more time to read
			return Async.await(r.text());
		});
		// @end
		return page;
	}

	/** Semaphore's class sample, inside a coroutine. */
	String semaphore(String url) throws Exception {
		// @start region="Semaphore"
		Semaphore limit = Semaphore.create(10);
		try (Held permit = limit.acquire()) {
			return Async.await(get(url));
		}
		// @end
	}

	/** Lock's and Held's class samples, inside a coroutine. */
	void lock(String record) throws Exception {
		// @start region="Lock"
		Lock lock = Lock.create();
		try (Held held = lock.acquire()) {   // suspends until the lock is ours
			Async.await(write(record));       // may await; the lock stays held
		}                                     // released here, on success, exception or cancellation
		// @end
	}

	/** Condition's class sample, inside a coroutine. */
	String condition(Condition cond, ArrayDeque<String> items) {
		// @start region="Condition"
		try (Held held = cond.acquire()) {
			cond.awaitFor(() -> !items.isEmpty());
			return items.remove();
		}
		// @end
	}

	/** Queue's class sample, inside a coroutine. */
	void queue(List<Job> toDo) {
		// @start region="Queue"
		Queue<Job> jobs = Queue.create(100);
		Task<Void> worker = Async.createTask(() -> {
			for (;;) {
				Job j = jobs.get();       // suspends while the queue is empty
				handle(j);
				jobs.taskDone();
			}
		});
		for (Job job : toDo) {
			jobs.put(job);            // suspends while 100 jobs are queued
		}
		jobs.join();                  // until all are handled
		worker.cancel();
		// @end
	}

	/** AsyncIterator's class sample, inside a coroutine. */
	void asyncIterator() throws Exception {
		// @start region="AsyncIterator"
		try (AsyncIterator<Row> rows = Async.iterate(findAll())) {
			while (rows.hasNext()) {
				Row row = rows.next();
				Async.await(handle(row));
				if (row.isLast()) {
					break;                      // close() cancels the rest
				}
			}
		}
		// @end
	}

	/** AsyncGenerator's class sample. */
	Flux<Page> asyncGenerator() {
		// @start region="AsyncGenerator"
		Flux<Page> pages = Async.flux(emitter -> {
			String cursor = null;
			do {
				Page page = Async.await(page(cursor));
				emitter.emit(page);             // suspends until the subscriber wants it
				cursor = page.next();
			} while (cursor != null);
		});
		// @end
		return pages;
	}

	/** StreamWriter's class sample, inside a coroutine. */
	void streamWriter(StreamWriter writer) throws Exception {
		// @start region="StreamWriter"
		writer.write("hello\n".getBytes(UTF_8));
		writer.drain();        // a plain call in a coroutine: it suspends while the transport is full
		// @end
	}

	/** Subprocess's class sample, inside a coroutine. */
	int subprocess() throws Exception {
		// @start region="Subprocess"
		try (Subprocess p = Subprocess.exec("ls", "-l")) {
			byte[] line;
			while ((line = p.stdout().readLine()).length > 0) {
				System.out.print(new String(line, UTF_8));
			}
			int status = p.waitFor();
			// @replace regex="return status;" replacement=""
			return status;
		}
		// @end
	}

	/** EventLoopMetrics's class sample. */
	void eventLoopMetrics(EventLoopGroup group, EventLoop loop, MeterRegistry registry) {
		// @start region="EventLoopMetrics"
		EventLoopMetrics.of(group).bindTo(registry);          // loop=loops-0, loops-1, ...
		EventLoopMetrics.of(loop, "main").bindTo(registry);   // loop=main
		// @end
	}
}
