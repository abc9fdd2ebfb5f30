package io.github.reactorasyncio.tck;

import java.util.concurrent.atomic.AtomicReference;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.AsyncIterator;
import io.github.reactorasyncio.EventLoop;
import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK's subscriber rules (issue 11, "proof beyond unit tests") against the subscriber
 * behind {@code Async.iterate}: a coroutine makes the iterator over a publisher that only hands the
 * subscriber to the TCK, and then drains it with {@code hasNext()}/{@code next()}, which request in batches.
 */
public class AsyncIterateTckTest extends SubscriberBlackboxVerification<Integer> {

	private final EventLoop loop = EventLoop.create();

	public AsyncIterateTckTest() {
		super(new TestEnvironment(1_000));
	}

	@AfterClass
	public void closeLoop() {
		loop.close();
	}

	@Override
	@SuppressWarnings("unchecked")
	public Subscriber<Integer> createSubscriber() {
		AtomicReference<Subscriber<? super Integer>> captured = new AtomicReference<>();
		loop.createTask(() -> {
			org.reactivestreams.Publisher<Integer> handOver = captured::set;
			try (AsyncIterator<Integer> it = Async.iterate(handOver)) {
				while (it.hasNext()) {
					it.next();
				}
			}
			return null;
		});
		// the task runs its first step at once on the loop; wait (bounded) until it has handed over the subscriber
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (captured.get() == null && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		Subscriber<? super Integer> s = captured.get();
		if (s == null) {
			throw new IllegalStateException("Async.iterate() did not subscribe within 10 s");
		}
		return (Subscriber<Integer>) s;
	}

	@Override
	public Integer createElement(int element) {
		return element;
	}
}
