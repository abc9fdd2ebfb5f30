package io.github.reactorasyncio.tck;

import java.io.IOException;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.EventLoop;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK's publisher rules (issue 11, "proof beyond unit tests") against {@code Async.flux}:
 * a coroutine that emits {@code elements} values, each {@code emit} suspending until there is demand. Run by
 * the JUnit Platform's TestNG engine, as reactor-core runs the TCK against its own publishers.
 */
public class AsyncFluxTckTest extends PublisherVerification<Long> {

	private final EventLoop loop = EventLoop.create();

	public AsyncFluxTckTest() {
		// rule 3.13 waits this long once after the cancel, then collects: the coroutine that held the subscriber
		// ends on the loop some time after the cancel, which the TCK's default 300 ms did not always cover on a
		// loaded 2-core machine (failed once in 7 full runs); the TCK offers no condition to wait on instead
		super(new TestEnvironment(1_000), 2_000);
	}

	@AfterClass
	public void closeLoop() {
		loop.close();
	}

	@Override
	public Publisher<Long> createPublisher(long elements) {
		return Async.flux(loop, emitter -> {
			for (long i = 0; i < elements; i++) {
				emitter.emit(i);
			}
		});
	}

	@Override
	public Publisher<Long> createFailedPublisher() {
		return Async.flux(loop, emitter -> {
			throw new IOException("the generator failed before emitting");
		});
	}

	@Override
	public long maxElementsFromPublisher() {
		return 4_096; // a generator loops over its elements: keep the TCK's "unbounded" cases bounded
	}
}
