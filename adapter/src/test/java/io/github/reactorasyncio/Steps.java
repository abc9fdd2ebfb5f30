package io.github.reactorasyncio;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The ordered record of what a test's coroutines and callbacks did, for asserting order: a JUnit 5 extension,
 * registered as a field, {@code @RegisterExtension final Steps steps = new Steps();}, then {@code steps.add("x")}
 * and {@code assertThat(steps).containsExactly(...)}. Empty before each test; thread-safe, since callbacks from
 * Reactor may record from other threads; a failing test's message ends with the steps recorded so far.
 */
final class Steps implements Iterable<String>, BeforeEachCallback, TestExecutionExceptionHandler {

	private final List<String> steps = new ArrayList<>();

	/** Records a step; returns true, so that {@code () -> steps.add("x")} is a coroutine. */
	synchronized boolean add(String step) {
		return steps.add(step);
	}

	/** @return a copy of the steps so far, in order */
	synchronized List<String> list() {
		return List.copyOf(steps);
	}

	@Override
	public Iterator<String> iterator() {
		return list().iterator();
	}

	@Override
	public synchronized String toString() {
		return steps.toString();
	}

	@Override
	public synchronized void beforeEach(ExtensionContext context) {
		steps.clear();
	}

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		failure.addSuppressed(new AssertionError("steps recorded before the failure: " + this));
		throw failure;
	}
}
