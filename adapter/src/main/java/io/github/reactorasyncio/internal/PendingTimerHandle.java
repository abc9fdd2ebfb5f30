package io.github.reactorasyncio.internal;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * The handle {@code callAt} returns to a thread outside the loop: the real timer ({@link Handle}) is created
 * later, on the loop, so that its tie-breaking sequence number follows the loop's order. Disposing this before
 * the real one exists disposes that one as soon as it is set.
 */
final class PendingTimerHandle implements Disposable {
	private volatile @Nullable Handle handle;
	private volatile boolean disposed;

	void set(Handle h) {
		handle = h;
		if (disposed) {
			h.dispose();
		}
	}

	@Override
	public void dispose() {
		disposed = true;
		Handle h = handle;
		if (h != null) {
			h.dispose();
		}
	}

	@Override
	public boolean isDisposed() {
		return disposed;
	}
}
