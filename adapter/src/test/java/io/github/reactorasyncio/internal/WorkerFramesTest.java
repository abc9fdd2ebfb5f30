package io.github.reactorasyncio.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.github.reactorasyncio.Async;
import io.github.reactorasyncio.EventLoop;
import io.github.reactorasyncio.Task;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every frame between a virtual thread's entry and its park is kept by each suspended task (issue 14: bytes per
 * suspended task), and a method there that the JIT compiles big on its own stops being inlined and adds a frame: the
 * body is called straight from the worker's {@code run}, whichever way the task was started, and an await parks in
 * its own frame, the loop's hand-off having returned.
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

	@Test
	void anAwaitParksInItsOwnFrame() throws Exception {
		try (EventLoop loop = EventLoop.create()) {
			List<List<String>> seen = loop.run(() -> {
				Task<Void> sleeping = Async.createTask(() -> {
					Async.sleep(Duration.ofDays(1));
					return null;
				});
				Task<Object> awaiting = Async.createTask(() -> Async.await(reactor.core.publisher.Mono.never()));
				Async.yieldNow(); // both are suspended now
				List<List<String>> frames = List.of(framesAboveTheAwait(sleeping), framesAboveTheAwait(awaiting));
				sleeping.cancel();
				awaiting.cancel();
				return frames;
			});
			assertThat(seen).containsExactly(
					List.of(TaskImpl.class.getName() + ".await", Bridge.class.getName() + ".sleep"),
					List.of(TaskImpl.class.getName() + ".await", Bridge.class.getName() + ".await"));
		}
	}

	/** The frames of a suspended task's thread from the park down to the library's entry point its body called. */
	private static List<String> framesAboveTheAwait(Task<?> task) {
		Thread thread = Objects.requireNonNull(((TaskImpl<?>) task).worker).thread;
		List<String> frames = Arrays.stream(thread.getStackTrace()).map(f -> f.getClassName() + "." + f.getMethodName())
				.toList();
		int park = frames.indexOf("java.util.concurrent.locks.LockSupport.park");
		assertThat(park).as("%s parked in LockSupport.park: %s", task, frames).isNotNegative();
		return frames.subList(park + 1, park + 3);
	}

	/**
	 * {@link EventLoopImpl#handOff} returns before the park, and {@link EventLoopImpl#nextBody} keeps the worker's
	 * frame under the body small, only if the JIT does not inline them into their callers, and C2 inlines a hot call
	 * of up to 325 bytecodes ({@code FreqInlineSize}).
	 */
	@Test
	void theLoopsHandOffAndAWorkersLifeBetweenBodiesAreTooBigToInline() throws IOException {
		assertThat(bytecodeLength(EventLoopImpl.class, "handOff")).isGreaterThan(325);
		assertThat(bytecodeLength(EventLoopImpl.class, "nextBody")).isGreaterThan(325);
	}

	/** The length of the code of the method {@code name} (the first of that name) in {@code c}'s class file. */
	private static int bytecodeLength(Class<?> c, String name) throws IOException {
		try (InputStream raw = c.getResourceAsStream(c.getSimpleName() + ".class");
				DataInputStream in = new DataInputStream(Objects.requireNonNull(raw, c + "'s class file"))) {
			in.skipNBytes(8); // magic, version
			int count = in.readUnsignedShort();
			String[] utf8 = new String[count];
			for (int i = 1; i < count; i++) {
				int tag = in.readUnsignedByte();
				switch (tag) {
					case 1 -> utf8[i] = in.readUTF();
					case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
					case 15 -> in.skipNBytes(3);
					case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
					case 5, 6 -> {
						in.skipNBytes(8);
						i++; // a long or a double takes two entries
					}
					default -> throw new IOException("constant pool tag " + tag + " in " + c);
				}
			}
			in.skipNBytes(6); // access flags, this class, super class
			in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
			for (int kind = 0; kind < 2; kind++) { // the fields, then the methods
				int members = in.readUnsignedShort();
				for (int m = 0; m < members; m++) {
					in.skipNBytes(2); // access flags
					String member = utf8[in.readUnsignedShort()];
					in.skipNBytes(2); // descriptor
					int attributes = in.readUnsignedShort();
					for (int a = 0; a < attributes; a++) {
						String attribute = utf8[in.readUnsignedShort()];
						int length = in.readInt();
						if (kind == 1 && member.equals(name) && attribute.equals("Code")) {
							in.skipNBytes(4); // max stack, max locals
							return in.readInt();
						}
						in.skipNBytes(length);
					}
				}
			}
		}
		throw new IOException("no method " + name + " in " + c);
	}
}
