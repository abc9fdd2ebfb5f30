package io.github.reactorasyncio;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A fixed set of {@link EventLoop}s handed out round-robin, so that independent work (requests, jobs) uses
 * more than one core: Netty's {@code EventLoopGroup}. Each coroutine still runs on one loop from start to end,
 * so code inside it keeps the one-loop guarantees (no locks for state owned by that loop); state shared
 * between coroutines on different loops is shared between threads, as in any multi-threaded server.
 *
 * <p>{@link #create()} makes one loop per available processor. A group may be made the process-wide
 * default with {@link Async#setDefaultGroup}; {@link Async#mono(Coroutine)}, {@link Async#flux(AsyncGenerator)}
 * and {@link Async#run(Coroutine)} then use it. The Spring Boot auto-configuration does so for the group it
 * configures.
 *
 * <h2>Cores</h2>
 * A loop is one logical thread, but its coroutines run on virtual threads, and by default a loop whose
 * coroutines take turns keeps a second core busy: the coroutine that handed the loop on spins a moment for it
 * to come back ({@link EventLoop#setHandoffSpin(boolean)}). That makes one loop on an otherwise idle machine
 * faster, and it is what a lone {@link EventLoop#create()} does; but a group exists to keep every core busy
 * with loops, and then each spin holds a core that another loop needs (measured on 2 cores, two spinning
 * loops together switched 0.4x as fast as one alone). So a group turns the spin off on its loops when they are
 * more than half the available processors ({@code 2 * size > availableProcessors()}): each loop then needs
 * about one core, and {@code n} loops on {@code n} cores switch about {@code n} times as fast as one. A
 * smaller group keeps the spin, since every loop still has a spare core for it. The choice is made once, when
 * the group is created, from {@link Runtime#availableProcessors()}; a {@code configurer} passed to
 * {@link #create(String, int, Consumer)} runs after it and may change it per loop. A loop that spins also backs
 * off by itself while its spins fail (when the machine's cores are busy with other work), but that only corrects
 * after the fact, and a loop whose spins succeed can keep two cores from the group's other loops: hence the rule.
 *
 * <p>Every method is thread-safe.
 */
public final class EventLoopGroup implements AutoCloseable {

	private final List<EventLoop> loops;
	private final String name;
	private final AtomicInteger next = new AtomicInteger();

	private EventLoopGroup(String name, List<EventLoop> loops) {
		this.name = name;
		this.loops = List.copyOf(loops);
	}

	/**
	 * One loop per available processor, on the system clock; they do not spin on a hand-off (see "Cores" above).
	 *
	 * @return the group; close it when done
	 */
	public static EventLoopGroup create() {
		return create(Runtime.getRuntime().availableProcessors());
	}

	/**
	 * {@code size} loops on the system clock; they spin on a hand-off only if they are at most half the available
	 * processors (see "Cores" above).
	 *
	 * @param size how many loops; at least 1
	 * @return the group; close it when done
	 * @throws IllegalArgumentException if {@code size} is less than 1
	 */
	public static EventLoopGroup create(int size) {
		return create("loops", size, loop -> {
		});
	}

	/**
	 * {@code size} loops on the system clock, each configured by {@code configurer} (e.g. to set debug mode).
	 * The name identifies the group's loops in {@link #loopName(int) loop names}, such as the {@code loop} tag
	 * of their metrics.
	 *
	 * @param name the group's name, e.g. {@code "http"}; not blank
	 * @param size how many loops; at least 1
	 * @param configurer called once per new loop, on the calling thread, before the group is returned
	 * @return the group; close it when done
	 * @throws IllegalArgumentException if {@code size} is less than 1 or the name is blank
	 */
	public static EventLoopGroup create(String name, int size, Consumer<? super EventLoop> configurer) {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(configurer, "configurer");
		if (name.isBlank()) {
			throw new IllegalArgumentException("An EventLoopGroup needs a name that is not blank");
		}
		if (size < 1) {
			throw new IllegalArgumentException("An EventLoopGroup needs at least one loop, but size was " + size);
		}
		boolean spin = handoffSpin(size, Runtime.getRuntime().availableProcessors());
		List<EventLoop> loops = new ArrayList<>(size);
		try {
			for (int i = 0; i < size; i++) {
				EventLoop loop = EventLoop.create();
				loops.add(loop);
				if (!spin) {
					loop.setHandoffSpin(false);
				}
				configurer.accept(loop);
			}
		}
		catch (RuntimeException | Error e) {
			// Loops own threads: the ones already made must not leak when a later one fails.
			loops.forEach(EventLoop::close);
			throw e;
		}
		return new EventLoopGroup(name, loops);
	}

	/**
	 * The group's policy (see "Cores" above): whether {@code size} loops on {@code processors} available
	 * processors spin on a hand-off. A loop that spins keeps two cores busy while its coroutines take turns.
	 */
	static boolean handoffSpin(int size, int processors) {
		return 2 * (long) size <= processors;
	}

	/**
	 * The next loop in round-robin order.
	 *
	 * @return a loop of this group
	 * @throws IllegalStateException if the group is closed
	 */
	public EventLoop next() {
		if (isClosed()) {
			throw new IllegalStateException("This EventLoopGroup (" + name + ") is closed (did the application "
					+ "context shut down?). Create a new group, or set another with Async.setDefaultGroup.");
		}
		return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
	}

	/** {@return the loops, in a fixed order} */
	public List<EventLoop> loops() {
		return loops;
	}

	/** {@return how many loops the group holds} */
	public int size() {
		return loops.size();
	}

	/** {@return the group's name, as given to {@link #create(String, int, Consumer)}; {@code "loops"} otherwise} */
	public String name() {
		return name;
	}

	/**
	 * The name of the loop at {@code index}: the group's name, a dash, the index ({@code "loops-0"}).
	 *
	 * @param index a position in {@link #loops()}
	 * @return the loop's name
	 * @throws IndexOutOfBoundsException if there is no such loop
	 */
	public String loopName(int index) {
		Objects.checkIndex(index, loops.size());
		return name + "-" + index;
	}

	/**
	 * A cold Mono of the coroutine that spreads subscriptions over the group: each subscription picks the
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

	/**
	 * A cold Flux of what the generator emits, each subscription on the {@link #next() next} loop, as
	 * {@link Async#flux(EventLoop, AsyncGenerator)} does (signals on that loop, backpressure through
	 * {@code emit}, cancelling the subscription cancels the task).
	 *
	 * @param body the generator body
	 * @param <T> the element type
	 * @return a cold Flux
	 */
	public <T> Flux<T> flux(AsyncGenerator<T> body) {
		Objects.requireNonNull(body, "body");
		return Flux.defer(() -> Async.flux(next(), body));
	}

	/**
	 * Runs the coroutine as a task on the {@link #next() next} loop and blocks the calling thread until it is
	 * done, as {@link EventLoop#run(Coroutine)} does. The loop stays open, and tasks the coroutine left behind
	 * keep running on it.
	 *
	 * @param coroutine the body
	 * @param <T> its result type
	 * @return its result
	 * @throws IllegalStateException from a coroutine, a Reactor non-blocking thread, or on a closed group
	 * @throws Exception what the coroutine threw, the same instance
	 */
	public <T extends @Nullable Object> T run(Coroutine<T> coroutine) throws Exception {
		Objects.requireNonNull(coroutine, "coroutine");
		return next().run(coroutine);
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
	 * Closes every loop (each cancels its tasks and lets them clean up), even if closing one fails; the first
	 * failure is rethrown with the others suppressed. If this group is the {@link Async#defaultGroup() default},
	 * it stops being it. Idempotent.
	 */
	@Override
	public void close() {
		Async.clearDefaultGroup(this);
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
		return "EventLoopGroup[" + name + ", size=" + loops.size() + (isClosed() ? ", closed]" : "]");
	}
}
