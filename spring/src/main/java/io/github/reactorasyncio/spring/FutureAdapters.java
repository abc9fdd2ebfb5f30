package io.github.reactorasyncio.spring;

import java.util.Objects;
import java.util.function.Supplier;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.Future;
import io.github.reactorasyncio.Task;
import org.reactivestreams.Publisher;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ReactiveTypeDescriptor;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Teaches a Spring {@link ReactiveAdapterRegistry} about {@link Task} and {@link Future}, so that a WebFlux
 * controller may return them (and Spring code that adapts reactive types accepts them).
 *
 * <p>Both are single-value, already-started ("non-deferred") types, like {@code CompletableFuture}:
 * <ul>
 *   <li>to a {@code Publisher}: {@link Future#toMono()}, a hot view that signals on the loop; a
 *       {@code null} result completes empty. For a {@link Task} the subscription owns the task: cancelling
 *       it (WebFlux does when the client disconnects) cancels the task, as disposing
 *       {@link Async#mono(io.github.reactorasyncio.Coroutine)} does. A plain {@link Future} may be shared,
 *       so cancelling a subscription only stops watching it.</li>
 *   <li>from a {@code Publisher}: a new task on the given loop that awaits the publisher's first value.</li>
 * </ul>
 *
 * <p>The auto-configuration registers these adapters with every {@code ReactiveAdapterRegistry} bean (WebFlux's
 * {@code webFluxAdapterRegistry} among them). It leaves {@link ReactiveAdapterRegistry#getSharedInstance()}
 * alone, since that one outlives the application context and its loop; call {@link #register} for it
 * yourself if you need it.
 */
public final class FutureAdapters {

	private FutureAdapters() {
	}

	/**
	 * Registers {@link Task} and {@link Future} with the registry, unless it knows them already.
	 *
	 * @param registry the registry to extend
	 * @param loop supplies the loop for conversions from a {@code Publisher}; asked only when one happens
	 * @return whether the adapters were added ({@code false} if the registry had them)
	 */
	public static boolean register(ReactiveAdapterRegistry registry, Supplier<? extends EventLoop> loop) {
		Objects.requireNonNull(registry, "registry");
		Objects.requireNonNull(loop, "loop");
		ReactiveAdapter existing = registry.getAdapter(Task.class);
		if (existing != null && existing.getReactiveType() == Task.class) {
			return false;
		}
		// Task first: the registry matches a TaskImpl against registered types in order, and a task must get
		// the adapter that cancels it.
		registry.registerReactiveType(
				ReactiveTypeDescriptor.nonDeferredAsyncValue(Task.class, () -> emptyTask(loop.get())),
				source -> taskToMono((Task<?>) source),
				publisher -> fromPublisher(loop.get(), publisher));
		registry.registerReactiveType(
				ReactiveTypeDescriptor.nonDeferredAsyncValue(Future.class, () -> emptyTask(loop.get())),
				source -> source instanceof Task<?> t ? taskToMono(t) : ((Future<?>) source).toMono(),
				publisher -> fromPublisher(loop.get(), publisher));
		return true;
	}

	/**
	 * As {@link #register(ReactiveAdapterRegistry, Supplier)} with a fixed loop.
	 *
	 * @param registry the registry to extend
	 * @param loop the loop for conversions from a {@code Publisher}
	 * @return whether the adapters were added
	 */
	public static boolean register(ReactiveAdapterRegistry registry, EventLoop loop) {
		Objects.requireNonNull(loop, "loop");
		return register(registry, () -> loop);
	}

	private static Mono<?> taskToMono(Task<?> task) {
		// doFinally, not doOnCancel: the view must stop watching before the task is cancelled, or the task's
		// CancelledError would reach a subscriber that has gone and be reported as a dropped error.
		return task.toMono().doFinally(signal -> {
			if (signal == SignalType.CANCEL) {
				task.cancel();
			}
		});
	}

	private static Task<?> fromPublisher(EventLoop loop, Publisher<?> publisher) {
		Mono<?> mono = Mono.from(publisher);
		// the publisher's value is the task's result, even if it is itself a Publisher
		return loop.createTask(() -> Async.unawaited(Async.await(mono)));
	}

	private static Task<?> emptyTask(EventLoop loop) {
		return loop.createTask(() -> null);
	}
}
