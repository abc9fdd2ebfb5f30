package io.github.reactorasyncio.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.StreamReader;

/**
 * Pumps a blocking {@code InputStream} (a subprocess's stdout or stderr) into a {@link StreamReader} from a
 * virtual thread of its own, so the loop never blocks on the pipe. The reader's flow control pauses the pump
 * (the thread waits, the pipe fills, the process blocks on its writes), as asyncio's pipe transports do.
 */
public final class PipeReader implements StreamReader.FlowControl {

	private static final int CHUNK = 16 * 1024;

	private final ReentrantLock lock = new ReentrantLock();
	private final Condition resumed = lock.newCondition();
	private boolean paused;
	private volatile boolean closed;
	private volatile boolean destroyed;
	private final InputStream in;

	private PipeReader(InputStream in) {
		this.in = in;
	}

	/**
	 * Starts pumping {@code in} into a new reader bound to {@code loop}.
	 *
	 * @return the pump; {@link #reader} is what it feeds
	 */
	public static PipeReader start(EventLoop loop, InputStream in, String name, StreamReader[] reader) {
		PipeReader pump = new PipeReader(in);
		StreamReader r = StreamReader.create(StreamReader.DEFAULT_LIMIT, pump);
		reader[0] = r;
		Thread.ofVirtual().name(name).start(() -> pump.run(loop, r));
		return pump;
	}

	private void run(EventLoop loop, StreamReader reader) {
		byte[] buffer = new byte[CHUNK];
		boolean readAfterFailure = false;
		try (in) {
			for (;;) {
				awaitResumed();
				int n;
				try {
					n = in.read(buffer);
				}
				catch (IOException e) {
					// when a process exits, the JDK saves what is left in its pipe into the stream and closes the
					// pipe, failing a read in progress ("Stream closed"): read on once, which gives those bytes and
					// then the end; a second failure is a real one
					if (closed || readAfterFailure) {
						throw e;
					}
					readAfterFailure = true;
					continue;
				}
				if (n < 0) {
					break;
				}
				byte[] chunk = Arrays.copyOf(buffer, n);
				if (!post(loop, () -> reader.feedData(chunk))) {
					return;
				}
			}
			post(loop, reader::feedEof);
		}
		catch (IOException e) {
			// a pipe closed by close(), or by the JDK as it destroys the process, ends the stream; anything else is
			// the reader's error
			post(loop, closed || destroyed ? reader::feedEof : () -> reader.setException(e));
		}
		catch (InterruptedException e) {
			post(loop, reader::feedEof);
		}
	}

	private static boolean post(EventLoop loop, Runnable r) {
		try {
			loop.callSoon(r);
			return true;
		}
		catch (RuntimeException loopClosed) {
			return false;
		}
	}

	private void awaitResumed() throws InterruptedException {
		lock.lock();
		try {
			while (paused && !closed) {
				resumed.await();
			}
		}
		finally {
			lock.unlock();
		}
	}

	@Override
	public void pauseReading() {
		lock.lock();
		try {
			paused = true;
		}
		finally {
			lock.unlock();
		}
	}

	@Override
	public void resumeReading() {
		lock.lock();
		try {
			paused = false;
			resumed.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Says that the process is being destroyed: on Linux the JDK then closes its end of the pipes, failing a read
	 * in progress with "Stream closed", which must end the stream as the killed process's pipe would in Python,
	 * not fail the reader. Call before {@code Process.destroy}.
	 */
	public void processDestroyed() {
		destroyed = true;
	}

	/** Stops the pump: the pipe is closed and a paused pump wakes up and ends. */
	public void close() {
		closed = true;
		resumeReading();
		// not on the caller's thread: closing a pipe waits for a read in progress to return
		Thread.ofVirtual().start(() -> {
			try {
				in.close();
			}
			catch (IOException ignored) {
				// best effort: the process is gone or going, and its end of the pipe with it
			}
		});
	}
}
