package io.github.reactorasyncio.internal;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The loops not yet closed, so that a thread can find the loop whose baton it holds.
 *
 * <p>{@link EventLoopImpl} adds itself when it is created and removes itself when it has closed;
 * {@link EventLoopImpl#current()} (and through it {@code Async.await}, {@code Async.currentTask} and every
 * check for "inside a coroutine") asks here. The lookup asks each open loop whether the caller is its baton
 * holder, rather than reading a thread-local: a thread-local would cost every suspended coroutine's thread its
 * own map. The array is copied on write, as loops are created and closed rarely and looked up on every await.
 */
final class LoopRegistry {

	private static volatile EventLoopImpl[] open = new EventLoopImpl[0];

	private LoopRegistry() {
	}

	static synchronized void add(EventLoopImpl loop) {
		EventLoopImpl[] o = Arrays.copyOf(open, open.length + 1);
		o[o.length - 1] = loop;
		open = o;
	}

	static synchronized void remove(EventLoopImpl loop) {
		open = Arrays.stream(open).filter(l -> l != loop).toArray(EventLoopImpl[]::new);
	}

	/** @return the loop whose baton the calling thread holds (a coroutine or a callback), or null */
	static @Nullable EventLoopImpl current() {
		Thread t = Thread.currentThread();
		if (t.isVirtual()) {
			for (EventLoopImpl loop : open) {
				if (loop.holderThread == t) {
					return loop;
				}
			}
		}
		return null;
	}
}
