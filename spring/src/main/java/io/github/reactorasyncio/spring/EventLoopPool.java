package io.github.reactorasyncio.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.Coroutine;
import io.github.reactorasyncio.EventLoop;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A fixed set of {@link EventLoop}s handed out round-robin, so that independent requests can use more
 * than one core. Each coroutine still runs on one loop from start to end, so code inside it keeps the
 * one-loop guarantees (no locks needed for state owned by that loop); state shared between requests on
 * different loops is shared between threads, as with any multi-threaded server.
 *
 * <p>The auto-configuration creates one from {@link ReactorAsyncioProperties#loops()} and closes it with
 * the application context. Its methods are thread-safe.
 */
public final class EventLoopPool implements AutoCloseable {

	private final List<EventLoop> loops;
	private final AtomicInteger next = new AtomicInteger();

	private EventLoopPool(List<EventLoop> loops) {
		this.loops = List.copyOf(loops);
	}

	/**
	 * Creates {@code size} loops on the system clock.
	 *
	 * @param size how many loops; at least 1
	 * @return the pool; close it when done
	 * @throws IllegalArgumentException if {@code size} is less than 1
	 */
	public static EventLoopPool create(int size) {
		return create(size, loop -> {
		});
	}

	/**
	 * Creates {@code size} loops on the system clock and configures each, e.g. to set debug mode.
	 *
	 * @param size how many loops; at least 1
	 * @param configurer called once per new loop, before the pool is returned
	 * @return the pool; close it when done
	 * @throws IllegalArgumentException if {@code size} is less than 1
	 */
	public static EventLoopPool create(int size, Consumer<? super EventLoop> configurer) {
		Objects.requireNonNull(configurer, "configurer");
		if (size < 1) {
			throw new IllegalArgumentException("An EventLoopPool needs at least one loop, but size was " + size);
		}
		List<EventLoop> loops = new ArrayList<>(size);
		try {
			for (int i = 0; i < size; i++) {
				EventLoop loop = EventLoop.create();
				loops.add(loop);
				configurer.accept(loop);
			}
		}
		catch (RuntimeException | Error e) {
			// Loops own threads: the ones already made must not leak when a later one fails.
			loops.forEach(EventLoop::close);
			throw e;
		}
		return new EventLoopPool(loops);
	}

	/**
	 * The next loop in round-robin order.
	 *
	 * @return a loop of this pool
	 * @throws IllegalStateException if the pool is closed
	 */
	public EventLoop next() {
		if (isClosed()) {
			throw new IllegalStateException("This EventLoopPool is closed (the application context has shut down?)");
		}
		return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
	}

	/** {@return the loops, in a fixed order; the first is the auto-configured {@code EventLoop} bean} */
	public List<EventLoop> loops() {
		return loops;
	}

	/** {@return how many loops the pool holds} */
	public int size() {
		return loops.size();
	}

	/**
	 * A cold Mono of the coroutine that spreads subscriptions over the pool: each subscription picks the
	 * {@link #next() next} loop and runs one task there, as {@link Async#mono(EventLoop, Coroutine)} does. It
	 * signals on that loop; disposing the subscription cancels the task; the coroutine sees the subscriber's
	 * Reactor {@code Context} through {@link Async#context()}.
	 *
	 * @param coroutine the body
	 * @param <T> its result type
	 * @return a cold Mono of its result; empty for {@code null}
	 */
	public <T extends @Nullable Object> Mono<T> mono(Coroutine<T> coroutine) {
		Objects.requireNonNull(coroutine, "coroutine");
		return Mono.defer(() -> Async.mono(next(), coroutine));
	}

	/** {@return whether {@link #close()} has been called (any loop closed counts)} */
	public boolean isClosed() {
		for (EventLoop loop : loops) {
			if (loop.isClosed()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Closes every loop (each cancels its tasks and lets them clean up), even if closing one fails; the
	 * first failure is rethrown with the others suppressed. Idempotent.
	 */
	@Override
	public void close() {
		RuntimeException failure = null;
		for (EventLoop loop : loops) {
			try {
				loop.close();
			}
			catch (RuntimeException e) {
				if (failure == null) {
					failure = e;
				}
				else {
					failure.addSuppressed(e);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	@Override
	public String toString() {
		return "EventLoopPool[size=" + loops.size() + (isClosed() ? ", closed]" : "]");
	}
}
