package io.github.reactorasyncio.internal;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The tasks of one loop that are not done, in creation order: what {@code allTasks()} lists and what closing the
 * loop cancels and waits for.
 *
 * <p>The list is intrusive, linked through {@link TaskImpl#prevTask} and {@link TaskImpl#nextTask}, so a
 * suspended task costs no set node. {@link ReadyQueue} adds a task when the task reaches the loop (at once
 * when created on the loop, else when the loop drains its inbox) and removes it when its last step ends.
 * Loop-confined: only the baton holder calls it.
 */
final class TaskRegistry {

	private @Nullable TaskImpl<?> first, last;
	private int count;

	/** Appends, so that the list is in creation (registration) order, as {@code allTasks()} promises. */
	void add(TaskImpl<?> t) {
		t.registered = true;
		TaskImpl<?> l = last;
		t.prevTask = l;
		if (l != null) {
			l.nextTask = t;
		}
		else {
			first = t;
		}
		last = t;
		count++;
	}

	void remove(TaskImpl<?> t) {
		if (t != first && t.prevTask == null) {
			return; // never registered, or removed already
		}
		TaskImpl<?> prev = t.prevTask, next = t.nextTask;
		if (prev != null) {
			prev.nextTask = next;
		}
		else {
			first = next;
		}
		if (next != null) {
			next.prevTask = prev;
		}
		else {
			last = prev;
		}
		t.prevTask = t.nextTask = null;
		count--;
	}

	/** @return how many tasks are not done */
	int size() {
		return count;
	}

	/** @return a copy of the list, in creation order */
	List<TaskImpl<?>> snapshot() {
		List<TaskImpl<?>> all = new ArrayList<>(count);
		for (TaskImpl<?> t = first; t != null; t = t.nextTask) {
			all.add(t);
		}
		return all;
	}
}
