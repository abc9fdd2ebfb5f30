package io.github.reactorasyncio.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails a test class if Netty's leak detector reports a leaked buffer while it ran. The parent pom runs
 * tests with {@code -Dio.netty.leakDetection.level=paranoid}, so every buffer is tracked; this captures the
 * detector's "LEAK:" log (Netty logs through java.util.logging here, since no SLF4J is on the test
 * classpath) and, after the class, collects garbage and allocates so that the detector looks at what was
 * collected.
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterAllCallback {

	private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
	private static final Logger DETECTOR_LOG = Logger.getLogger(ResourceLeakDetector.class.getName());

	static {
		// the failure message carries the reports; the console need not
		DETECTOR_LOG.setUseParentHandlers(false);
		DETECTOR_LOG.addHandler(new Handler() {
			@Override
			public void publish(LogRecord record) {
				String message = record.getMessage();
				if (message != null && message.contains("LEAK:")) {
					LEAKS.add(message);
				}
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}
		});
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		assertThat(InternalLoggerFactory.getDefaultFactory()).as("Netty must log through JUL for the leak check")
				.isInstanceOf(JdkLoggerFactory.class);
		assertThat(ResourceLeakDetector.getLevel()).as("run tests with -Dio.netty.leakDetection.level=paranoid")
				.isEqualTo(ResourceLeakDetector.Level.PARANOID);
		LEAKS.clear();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		List<String> leaks = collect();
		assertThat(leaks).as("Netty buffer leaks reported while " + context.getDisplayName() + " ran").isEmpty();
	}

	/** Runs the detector over what the garbage collector can find now, and returns (and forgets) the leaks. */
	static List<String> collect() {
		for (int i = 0; i < 5; i++) {
			System.gc();
			System.runFinalization();
			for (int j = 0; j < 100; j++) {
				ByteBufAllocator.DEFAULT.directBuffer(16).release();
				ByteBufAllocator.DEFAULT.heapBuffer(16).release();
			}
		}
		List<String> leaks = List.copyOf(LEAKS);
		LEAKS.clear();
		return leaks;
	}
}
