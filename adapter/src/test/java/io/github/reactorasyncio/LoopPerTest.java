package io.github.reactorasyncio;

import io.github.reactorasyncio.internal.EventLoopImpl;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh {@link EventLoop} for each test: a JUnit 5 extension ({@code @ExtendWith(LoopPerTest.class)}) that
 * passes the loop to any {@code EventLoop} parameter of the test method or of a {@code @BeforeEach} method (the
 * same loop to both), closes it after the test, and fails the test if a virtual thread of the loop is still alive
 * after the close (a coroutine the loop could not end).
 */
final class LoopPerTest implements ParameterResolver, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LoopPerTest.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == EventLoop.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getStore(NAMESPACE).computeIfAbsent("loop", k -> EventLoop.create(), EventLoop.class);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		EventLoop loop = context.getStore(NAMESPACE).remove("loop", EventLoop.class);
		if (loop != null) {
			loop.close();
			assertThat(((EventLoopImpl) loop).liveThreads()).as("virtual threads of the test's loop alive after close")
					.isZero();
		}
	}
}
