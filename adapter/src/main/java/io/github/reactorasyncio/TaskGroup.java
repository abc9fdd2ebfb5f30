package io.github.reactorasyncio;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import io.github.reactorasyncio.internal.Bridge;
import io.github.reactorasyncio.internal.Sneaky;
import org.jspecify.annotations.Nullable;

/**
 * Structured concurrency: Python 3.12's {@code asyncio.TaskGroup}. The group's tasks run concurrently with
 * the body that creates them, and the group does not end until they have all ended:
 *
 * {@snippet file="JavadocSnippets.java" region="TaskGroup"}
 *
 * <p><b>Rules</b> (as CPython's {@code taskgroups.py}):
 * <ul>
 *   <li>{@link #run(Body)} returns once the body has returned and every child has ended; the task that calls
 *   it is the group's <em>parent</em>.</li>
 *   <li>The first child that fails (throws anything but {@link CancelledError}) cancels all the other
 *   children and the parent task, so the body stops at the await it is in; when the group ends it throws one
 *   {@link TaskGroupException} holding every failure (also as suppressed exceptions). The cancellation of the
 *   parent is withdrawn ({@link Task#uncancel()}) when the group ends, so the parent goes on normally after
 *   catching the {@code TaskGroupException}. A child that fails with an {@link Error} (Python's
 *   {@code SystemExit}/{@code KeyboardInterrupt}) makes the group throw that {@code Error} itself.</li>
 *   <li>If the body throws, the children are cancelled; once they have ended, the group throws a
 *   {@code TaskGroupException} holding the body's exception (and any failure of a child).</li>
 *   <li>Cancelling the parent cancels the children; the group then throws the {@link CancelledError}.</li>
 *   <li>A child that is cancelled is not a failure.</li>
 *   <li>{@link #cancel()} ends the group early without error: the children and the body are cancelled and
 *   the group's end swallows that cancellation.</li>
 * </ul>
 *
 * <p>Unlike {@code Mono.zip}/{@code Flux.merge}, which also cancel the rest on the first error, the group
 * waits for the cancelled children to finish their cleanup before it throws, and reports every failure,
 * not just the first.
 *
 * <p><b>Why a lambda and not try-with-resources.</b> Python's {@code async with} lets the group see and
 * replace the body's exception; Java's {@code close()} can do neither (its exception only becomes a
 * suppressed one of the body's). Any {@code try (TaskGroup g = ...)} form must therefore either let the
 * cancellation that a failing child sends the body escape the {@code try} in place of the
 * {@code TaskGroupException}, or not interrupt the body at all, unlike asyncio. The body lambda of
 * {@link #run(Body)} has neither problem, so it is the only form.
 *
 * <p>Loop-confined: use it from the parent task and the loop's other tasks, never from another thread.
 */
public final class TaskGroup {

	/**
	 * The body of {@link TaskGroup#run(Body)}.
	 *
	 * @param <T> its result type
	 */
	@FunctionalInterface
	public interface Body<T extends @Nullable Object> {
		/**
		 * Runs the body with the open group, in which it may create tasks.
		 *
		 * @param group the open group, to create tasks in
		 * @return the body's result
		 * @throws Exception anything; it ends the group as described on {@link TaskGroup}
		 */
		T call(TaskGroup group) throws Exception;
	}

	private enum State {
		/** Accepting tasks; the body runs. */
		OPEN,
		/** The body is over and the group waits for its children (Python's {@code _exiting}). */
		CLOSING,
		/** Every child is done and the group has thrown or returned. */
		CLOSED
	}

	private final EventLoop loop;
	private final Task<?> parent;
	private final Set<Task<?>> tasks = new LinkedHashSet<>();
	private final List<Throwable> errors = new ArrayList<>();
	private final Consumer<Future<?>> onTaskDone = this::taskDone;
	private State state = State.OPEN;
	private boolean aborting;
	private boolean parentCancelRequested;
	private @Nullable Throwable baseError;
	private @Nullable Future<@Nullable Void> onCompleted;

	private TaskGroup(Task<?> parent) {
		this.parent = parent;
		this.loop = parent.loop();
	}

	/**
	 * Runs the body with a new group and ends the group: Python's {@code async with TaskGroup() as group:}.
	 * If the body throws, the children are cancelled and the body's exception (unless it is the cancellation
	 * the group caused) is among those of the {@link TaskGroupException}.
	 *
	 * @param body creates tasks in the group, and may await anything
	 * @param <T> its result type
	 * @return what the body returned, once every child is done; {@code null} if {@link #cancel()} stopped the
	 *         body before it returned
	 * @throws TaskGroupException if any child (or the body) failed
	 * @throws CancelledError if the parent task was cancelled from outside
	 * @throws IllegalStateException outside a coroutine
	 * @throws Exception never another: the signature lets the body throw checked exceptions
	 */
	public static <T extends @Nullable Object> @Nullable T run(Body<T> body) throws Exception {
		Objects.requireNonNull(body, "body");
		TaskGroup group = new TaskGroup(Bridge.runningTask("TaskGroup.run()"));
		T result = null;
		Throwable error = null;
		try {
			result = body.call(group);
		}
		catch (Throwable e) {
			error = e;
		}
		Throwable toThrow = group.exit(error);
		if (toThrow != null) {
			throw Sneaky.rethrow(toThrow);
		}
		return error == null ? result : null;
	}

	/**
	 * Starts the coroutine as a child task of the group: Python's {@code TaskGroup.create_task}. It runs
	 * concurrently, after the work already ready.
	 *
	 * @param coroutine the body of the child
	 * @param <T> its result type
	 * @return the child task
	 * @throws InvalidStateException if the group has ended, or is shutting down after a failure or cancel
	 */
	public <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine) {
		Objects.requireNonNull(coroutine, "coroutine");
		checkCanCreate();
		return track(loop.createTask(coroutine));
	}

	/**
	 * As {@link #createTask(Coroutine)}, with a name.
	 *
	 * @param coroutine the body of the child
	 * @param name the task's name
	 * @param <T> its result type
	 * @return the child task
	 */
	public <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine, String name) {
		Objects.requireNonNull(coroutine, "coroutine");
		Objects.requireNonNull(name, "name");
		checkCanCreate();
		return track(loop.createTask(coroutine, name));
	}

	/**
	 * As {@link #createTask(Coroutine)}, running in the given {@link VarContext} instead of a copy of the
	 * current one: Python's {@code TaskGroup.create_task(coro, context=ctx)}.
	 *
	 * @param coroutine the body of the child
	 * @param context the variable context the child runs in (and writes)
	 * @param <T> its result type
	 * @return the child task
	 */
	public <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine, VarContext context) {
		Objects.requireNonNull(coroutine, "coroutine");
		Objects.requireNonNull(context, "context");
		checkCanCreate();
		return track(loop.createTask(coroutine, context));
	}

	private void checkCanCreate() {
		if (state == State.CLOSED || (state == State.CLOSING && tasks.isEmpty())) {
			throw new InvalidStateException("TaskGroup.createTask() on a group that is " + State.CLOSED
					+ ": its tasks are all done. Open a new TaskGroup.");
		}
		if (aborting) {
			throw new InvalidStateException("TaskGroup.createTask() on a group that is shutting down after a "
					+ "failure or cancel; its tasks are being cancelled.");
		}
	}

	@SuppressWarnings("unchecked")
	private <T extends @Nullable Object> Task<T> track(Task<T> task) {
		tasks.add(task);
		((Task<Object>) task).addDoneCallback(onTaskDone);
		return task;
	}

	/**
	 * Ends the group early, without error: cancels every child that is not done and the body (the parent
	 * task), and makes the group's end swallow that cancellation, so that {@link #run(Body)} returns
	 * {@code null}. Idempotent; does nothing once the group has ended.
	 */
	public void cancel() {
		if (state == State.CLOSED || (state == State.CLOSING && tasks.isEmpty())) {
			return;
		}
		if (!aborting) {
			abort();
		}
		if (!parentCancelRequested) {
			parentCancelRequested = true;
			parent.cancel();
		}
	}

	/** CPython's {@code __aexit__} (with 3.13's order of uncancel): returns what to throw, or null. */
	private @Nullable Throwable exit(@Nullable Throwable bodyError) {
		state = State.CLOSING;
		// CancelledError is an Error only so that catch (Exception e) lets it pass; it is no base error
		if (bodyError instanceof Error && !(bodyError instanceof CancelledError) && baseError == null) {
			baseError = bodyError;
		}
		Throwable propagateCancel = bodyError instanceof CancelledError ? bodyError : null;
		if (bodyError != null && !aborting) {
			abort();
		}
		while (!tasks.isEmpty()) {
			Future<@Nullable Void> done = onCompleted;
			if (done == null) {
				onCompleted = done = loop.createFuture();
			}
			try {
				Async.await(done);
			}
			catch (CancelledError e) {
				if (!aborting) {
					propagateCancel = e;
					abort();
				}
			}
			catch (Exception impossible) {
				throw Sneaky.rethrow(impossible);
			}
			onCompleted = null;
		}
		state = State.CLOSED;
		boolean ownCancel = false;
		if (parentCancelRequested && parent.uncancel() == 0) {
			propagateCancel = null; // the cancellation was ours, and no one else's is pending
			ownCancel = true;
		}
		if (baseError != null) {
			return baseError;
		}
		if (propagateCancel != null && errors.isEmpty()) {
			return propagateCancel;
		}
		if (bodyError != null && !(bodyError instanceof CancelledError)) {
			errors.add(bodyError);
		}
		if (!errors.isEmpty()) {
			if (parent.cancelling() > 0) {
				// 3.13: the parent is being cancelled from outside too; the group error wins this exit, but
				// that cancel stays pending (re-armed, count unchanged), so the parent's next await throws it
				parent.uncancel();
				parent.cancel();
			}
			TaskGroupException group = new TaskGroupException(errors);
			errors.clear();
			return group;
		}
		if (bodyError instanceof CancelledError && ownCancel) {
			return null; // cancel() stopped the body: end without error
		}
		return bodyError;
	}

	private void abort() {
		aborting = true;
		for (Task<?> t : tasks) {
			if (!t.isDone()) {
				t.cancel();
			}
		}
	}

	private void taskDone(Future<?> task) {
		tasks.remove(task);
		Future<@Nullable Void> done = onCompleted;
		if (done != null && tasks.isEmpty() && !done.isDone()) {
			done.setResult(null);
		}
		if (task.isCancelled()) {
			return;
		}
		Throwable e = task.exception();
		if (e == null) {
			return;
		}
		errors.add(e);
		if (e instanceof Error && !(e instanceof CancelledError) && baseError == null) {
			baseError = e;
		}
		if (!aborting && !parentCancelRequested) {
			// stop whatever the body is awaiting; withdrawn with uncancel() when the group ends
			abort();
			parentCancelRequested = true;
			parent.cancel();
		}
	}

	@Override
	public String toString() {
		return "TaskGroup[" + state + (aborting ? ", aborting" : "") + ", tasks=" + tasks.size() + ", parent="
				+ parent.name() + "]";
	}
}
