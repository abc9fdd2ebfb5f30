package io.github.reactorasyncio;

/**
 * A held {@link Lock}, {@link Condition} lock or {@link Semaphore} permit, as returned by their
 * {@code acquire()}: closing it releases what was acquired, so that try-with-resources is Python's
 * {@code async with lock:}.
 *
 * {@snippet file="JavadocSnippets.java" region="Lock"}
 *
 * <p>{@link #close()} releases once; closing again does nothing, so it never releases a lock that
 * somebody else acquired since. Call it on the loop that owns the primitive.
 */
public interface Held extends AutoCloseable {

	/** Releases what was acquired, the first time only. Never suspends. */
	@Override
	void close();
}
