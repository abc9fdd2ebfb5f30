package io.github.reactorasyncio.internal;

import java.lang.reflect.Constructor;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * One platform thread that carries all of a loop's virtual threads, so that handing the baton from one
 * coroutine to the next never wakes another core: the next continuation simply runs on the same thread
 * once the current one parks. The JDK has no public API for a virtual-thread scheduler; this uses the
 * JDK-internal {@code ThreadBuilders.VirtualThreadBuilder(Executor)} and so needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}.
 */
final class OneCarrier implements Executor, Runnable {

	static final String FLAG = "--add-opens java.base/java.lang=ALL-UNNAMED";

	private static final @Nullable Constructor<?> BUILDER = lookup();

	private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
	private final Thread thread;
	private volatile boolean stopped;

	OneCarrier(String name) {
		this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this);
		thread.start();
	}

	/** @return whether this JVM lets us give virtual threads our own carrier */
	static boolean available() {
		return BUILDER != null;
	}

	/** @return a builder of virtual threads carried by this carrier */
	Thread.Builder.OfVirtual builder() {
		try {
			return (Thread.Builder.OfVirtual) java.util.Objects.requireNonNull(BUILDER).newInstance(this);
		}
		catch (ReflectiveOperationException e) {
			throw new UnsupportedOperationException("cannot create virtual threads on a custom carrier", e);
		}
	}

	@Override
	public void execute(Runnable continuation) {
		queue.offer(continuation);
		// a virtual thread unparking another runs this on the carrier itself, which needs no wake-up
		if (Thread.currentThread() != thread) {
			LockSupport.unpark(thread);
		}
	}

	@Override
	public void run() {
		while (!stopped) {
			Runnable r = queue.poll();
			if (r != null) {
				r.run();
			}
			else {
				LockSupport.park(this);
			}
		}
	}

	/** Ends the carrier thread once no virtual thread needs it any more. */
	void shutdown() {
		stopped = true;
		LockSupport.unpark(thread);
	}

	private static @Nullable Constructor<?> lookup() {
		try {
			Constructor<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
					.getDeclaredConstructor(Executor.class);
			c.setAccessible(true);
			return c;
		}
		catch (ReflectiveOperationException | RuntimeException e) {
			return null; // not opened to us: the default scheduler it is
		}
	}
}
