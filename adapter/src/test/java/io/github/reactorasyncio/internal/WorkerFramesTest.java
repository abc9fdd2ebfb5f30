package io.github.reactorasyncio.internal;

import java.util.ArrayList;
import java.util.List;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.Task;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every frame under a coroutine's body is kept by each suspended task (issue 14: bytes per suspended task), and a
 * method there that the JIT compiles big on its own stops being inlined and adds a frame: the body is called
 * straight from the worker's {@code run}, whichever way the task was started.
 */
class WorkerFramesTest {

	private static List<String> framesUnderTheBody() {
		List<String> frames = StackWalker.getInstance()
				.walk(s -> s.map(f -> f.getClassName() + "." + f.getMethodName()).toList());
		// [0] is this method, [1] the body; up to the virtual thread's own run
		return new ArrayList<>(frames.subList(2, frames.indexOf("java.lang.VirtualThread.run")));
	}

	@Test
	void aTasksBodyIsCalledStraightFromItsWorker() throws Exception {
		List<List<String>> seen = new ArrayList<>();
		try (EventLoop loop = EventLoop.create()) {
			loop.run(() -> {
				// one started by a worker with no task, inline, and one handed to a worker of its own
				Task<Boolean> inline = Async.createTask(() -> seen.add(framesUnderTheBody()));
				Async.await(inline);
				Task<Boolean> first = Async.createTask(() -> {
					Async.yieldNow();
					return true;
				});
				Task<Boolean> handedOver = Async.createTask(() -> seen.add(framesUnderTheBody()));
				Async.await(first);
				Async.await(handedOver);
				return null;
			});
			loop.setEagerTasks(true);
			loop.run(() -> Async.await(Async.createTask(() -> seen.add(framesUnderTheBody()))));
		}
		assertThat(seen).hasSize(3)
				.allSatisfy(frames -> assertThat(frames).containsExactly(BatonWorker.class.getName() + ".run"));
	}
}
