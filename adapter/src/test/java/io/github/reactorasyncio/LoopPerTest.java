package io.github.reactorasyncio;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;

import io.github.reactorasyncio.internal.EventLoopImpl;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh {@link EventLoop} for each test: a JUnit 5 extension ({@code @ExtendWith(LoopPerTest.class)}) that
 * sets the test's {@link Loop @LoopPerTest.Loop} field and passes the loop to any {@code EventLoop} parameter of
 * the test method or of a {@code @BeforeEach} method (the same loop to all), closes it after the test, and fails
 * the test if a virtual thread of the loop is still alive after the close (a coroutine the loop could not end).
 *
 * <pre>{@code
 * @ExtendWith(LoopPerTest.class)
 * class LockTest {
 *     @LoopPerTest.Loop
 *     private EventLoop loop;   // set before any @BeforeEach method runs
 * }</pre>
 *
 * <p>A test that needs a second loop (to check what crosses from one loop to another) takes an {@code EventLoop}
 * parameter marked {@link Another @LoopPerTest.Another}: a plain loop of its own, closed and checked the same way.
 *
 * <p>A test that needs a special loop says so with {@link Options} on the class or the method (the method's
 * wins) instead of making its own: a loop on a virtual clock (whose {@code VirtualTimeScheduler} is then passed
 * to any parameter of that type), on one carrier thread, in debug mode, or with eager tasks.
 */
public final class LoopPerTest implements ParameterResolver, BeforeEachCallback, AfterEachCallback {

	/** Marks an {@code EventLoop} parameter that receives a second, plain loop, distinct from the test's. */
	@Target(ElementType.PARAMETER)
	@Retention(RetentionPolicy.RUNTIME)
	public @interface Another {
	}

	/** Marks the {@code EventLoop} field of the test class that receives each test's loop. */
	@Target(ElementType.FIELD)
	@Retention(RetentionPolicy.RUNTIME)
	public @interface Loop {
	}

	/** How the test's loop is made; on the test class or method (the method's replaces the class's). */
	@Target({ElementType.TYPE, ElementType.METHOD})
	@Retention(RetentionPolicy.RUNTIME)
	public @interface Options {

		/** @return whether the loop runs on a fresh {@code VirtualTimeScheduler} (no real waiting) */
		boolean virtualTime() default false;

		/** @return whether the loop comes from {@link EventLoop#createOnOneCarrier()} */
		boolean oneCarrier() default false;

		/** @return whether the loop starts in debug mode */
		boolean debug() default false;

		/** @return whether the loop starts with eager tasks on */
		boolean eagerTasks() default false;
	}

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LoopPerTest.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> type = parameter.getParameter().getType();
		return type == EventLoop.class || type == VirtualTimeScheduler.class && options(context).virtualTime();
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		if (parameter.isAnnotated(Another.class)) {
			return context.getStore(NAMESPACE).computeIfAbsent("another", k -> EventLoop.create(), EventLoop.class);
		}
		EventLoop loop = loop(context);
		if (parameter.getParameter().getType() == VirtualTimeScheduler.class) {
			return context.getStore(NAMESPACE).get("clock", VirtualTimeScheduler.class);
		}
		return loop;
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IllegalAccessException {
		Object test = context.getRequiredTestInstance();
		for (Field field : AnnotationSupport.findAnnotatedFields(test.getClass(), Loop.class)) {
			if (field.getType() != EventLoop.class || Modifier.isStatic(field.getModifiers())) {
				throw new IllegalStateException("@LoopPerTest.Loop goes on an instance field of type EventLoop: " + field);
			}
			field.setAccessible(true);
			field.set(test, loop(context));
		}
	}

	private static EventLoop loop(ExtensionContext context) {
		return context.getStore(NAMESPACE).computeIfAbsent("loop", k -> create(context), EventLoop.class);
	}

	private static EventLoop create(ExtensionContext context) {
		Options options = options(context);
		if (options.virtualTime() && options.oneCarrier()) {
			throw new ParameterResolutionException("LoopPerTest.Options: virtualTime and oneCarrier do not combine");
		}
		EventLoop loop;
		if (options.virtualTime()) {
			VirtualTimeScheduler clock = VirtualTimeScheduler.create();
			context.getStore(NAMESPACE).put("clock", clock);
			loop = EventLoop.create(clock);
		}
		else {
			loop = options.oneCarrier() ? EventLoop.createOnOneCarrier() : EventLoop.create();
		}
		if (options.debug()) {
			loop.setDebug(true);
		}
		if (options.eagerTasks()) {
			loop.setEagerTasks(true);
		}
		return loop;
	}

	private static Options options(ExtensionContext context) {
		return find(context.getTestMethod()).or(() -> find(context.getTestClass())).orElse(DEFAULTS);
	}

	private static Optional<Options> find(Optional<? extends AnnotatedElement> element) {
		return element.flatMap(e -> AnnotationSupport.findAnnotation(e, Options.class));
	}

	@Options
	private static final class Defaults {
	}

	private static final Options DEFAULTS = Defaults.class.getAnnotation(Options.class);

	@Override
	public void afterEach(ExtensionContext context) {
		EventLoop loop = context.getStore(NAMESPACE).remove("loop", EventLoop.class);
		EventLoop another = context.getStore(NAMESPACE).remove("another", EventLoop.class);
		context.getStore(NAMESPACE).remove("clock");
		// both are closed before either check can fail
		if (another != null) {
			another.close();
		}
		if (loop != null) {
			loop.close();
			assertThat(((EventLoopImpl) loop).liveThreads()).as("virtual threads of the test's loop alive after close")
					.isZero();
		}
		if (another != null) {
			assertThat(((EventLoopImpl) another).liveThreads())
					.as("virtual threads of the test's other loop alive after close").isZero();
		}
	}
}
