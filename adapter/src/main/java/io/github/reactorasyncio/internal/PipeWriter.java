package io.github.reactorasyncio.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.github.reactorasyncio.StreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link StreamWriter}'s bytes to a blocking {@code OutputStream} (a subprocess's stdin) from a virtual
 * thread of its own. Writable while at most 64 KiB are queued; a waiting drain wakes when the queue is down to
 * 16 KiB, asyncio's default water marks.
 */
public final class PipeWriter implements StreamWriter.Transport {

	private static final long HIGH = 64 * 1024;
	private static final long LOW = 16 * 1024;
	private static final byte[] CLOSE = new byte[0];

	private final OutputStream out;
	private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
	private final AtomicLong queued = new AtomicLong();
	private final CompletableFuture<@Nullable Void> closed = new CompletableFuture<>();
	private final ReentrantLock lock = new ReentrantLock();
	private final List<Runnable> callbacks = new ArrayList<>();
	private volatile boolean closing;
	private volatile @Nullable Throwable failure;

	private PipeWriter(OutputStream out) {
		this.out = out;
	}

	/** Starts the writing thread. */
	public static PipeWriter start(OutputStream out, String name) {
		PipeWriter w = new PipeWriter(out);
		Thread.ofVirtual().name(name).start(w::run);
		return w;
	}

	private void run() {
		try (out) {
			for (;;) {
				byte[] chunk = queue.take();
				if (chunk == CLOSE) {
					break;
				}
				out.write(chunk);
				out.flush();
				if (queued.addAndGet(-chunk.length) <= LOW) {
					fire();
				}
			}
		}
		catch (IOException e) {
			// the JDK closes a process's stdin when it exits, so "Stream closed" is the usual broken pipe
			failure = new IOException("Broken pipe: cannot write to the subprocess's stdin (" + e.getMessage()
					+ "); the process exited or closed it. Python raises BrokenPipeError here.", e);
			closing = true;
			queue.clear();
		}
		catch (InterruptedException e) {
			closing = true;
		}
		closed.complete(null);
		fire();
	}

	private void fire() {
		List<Runnable> ready;
		lock.lock();
		try {
			if (callbacks.isEmpty()) {
				return;
			}
			ready = new ArrayList<>(callbacks);
			callbacks.clear();
		}
		finally {
			lock.unlock();
		}
		ready.forEach(Runnable::run);
	}

	@Override
	public void write(byte[] data) {
		queued.addAndGet(data.length);
		queue.add(data);
	}

	@Override
	public boolean isWritable() {
		return queued.get() <= HIGH;
	}

	@Override
	public void whenWritable(Runnable callback) {
		lock.lock();
		try {
			if (!(isWritable() || closed.isDone())) {
				callbacks.add(callback);
				return;
			}
		}
		finally {
			lock.unlock();
		}
		callback.run();
	}

	@Override
	public boolean canWriteEof() {
		return true;
	}

	/** A pipe has no half-close: closing it is how its reader sees the end. */
	@Override
	public void writeEof() {
		close();
	}

	@Override
	public void close() {
		if (!closing) {
			closing = true;
			queue.add(CLOSE);
		}
	}

	@Override
	public boolean isClosing() {
		return closing;
	}

	@Override
	public CompletionStage<@Nullable Void> closed() {
		return closed;
	}

	@Override
	public @Nullable Throwable failure() {
		return failure;
	}

	@Override
	public String toString() {
		return "pipe, " + queued.get() + " bytes queued" + (failure != null ? ", failed: " + failure : "");
	}
}
