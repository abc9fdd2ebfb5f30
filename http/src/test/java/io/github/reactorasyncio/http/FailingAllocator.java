package io.github.reactorasyncio.http;

import java.lang.reflect.Field;
import java.util.function.Predicate;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

/**
 * Netty's default allocator, except that once {@link #arm armed}, the first allocation made from a chosen place (a
 * frame of the caller's stack) fails with a given {@link OutOfMemoryError}, once, as Netty's own allocator fails
 * when direct memory runs out. Lets a test make Netty's own code run out of memory at one exact spot, on a real connection, without
 * exhausting the JVM's memory for real.
 */
final class FailingAllocator extends AbstractByteBufAllocator {

	private final ByteBufAllocator delegate = ByteBufAllocator.DEFAULT;
	private final Predicate<StackWalker.StackFrame> where;
	private final OutOfMemoryError error;
	private volatile boolean armed;
	private volatile boolean failed;

	/**
	 * @param where the frame of the caller's stack that makes an allocation fail
	 * @param error what the failing allocation throws
	 */
	FailingAllocator(Predicate<StackWalker.StackFrame> where, OutOfMemoryError error) {
		super(true);
		this.where = where;
		this.error = error;
	}

	/** From now on, the next allocation from the chosen place fails. */
	void arm() {
		armed = true;
	}

	/** {@return whether an allocation failed} A test checks it, so that it cannot pass with nothing provoked. */
	boolean failed() {
		return failed;
	}

	/**
	 * Makes every connection that {@code session} opens from now on (http, and https before its first https
	 * request) allocate from this allocator. The session has no option for it (users have no reason to choose
	 * Netty's allocator), so its clients are replaced by reflection; a renamed field fails the test loudly.
	 */
	void install(ClientSession session) throws ReflectiveOperationException {
		for (String name : new String[] {"client", "unproxied"}) {
			Field f = ClientSession.class.getDeclaredField(name);
			f.setAccessible(true);
			f.set(session, ((HttpClient) f.get(session)).option(ChannelOption.ALLOCATOR, this));
		}
	}

	private void check() {
		if (armed && !failed && StackWalker.getInstance().walk(s -> s.anyMatch(where))) {
			synchronized (this) {
				if (!failed) {
					failed = true;
					throw error;
				}
			}
		}
	}

	@Override
	protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
		check();
		return delegate.heapBuffer(initialCapacity, maxCapacity);
	}

	@Override
	protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
		check();
		return delegate.directBuffer(initialCapacity, maxCapacity);
	}

	@Override
	public boolean isDirectBufferPooled() {
		return delegate.isDirectBufferPooled();
	}
}
