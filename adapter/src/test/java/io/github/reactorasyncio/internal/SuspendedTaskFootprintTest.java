package io.github.reactorasyncio.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: every task suspended in {@code Async.sleep} keeps a {@link TaskImpl} and a {@link SleepAwaiter}, so
 * each field they gain costs a million suspended tasks four or eight megabytes. Sizes as HotSpot lays the objects
 * out by default on a 64-bit JVM with a heap under 32 GB (12-byte header, 4-byte compressed references, 8-byte
 * alignment); {@code benchmarks/MemoryPerTask} prints the class histogram that shows them.
 */
class SuspendedTaskFootprintTest {

	private static long shallowSize(Class<?> type) {
		long bytes = 12;
		for (Class<?> c = type; c != null; c = c.getSuperclass()) {
			for (Field f : c.getDeclaredFields()) {
				if (Modifier.isStatic(f.getModifiers())) {
					continue;
				}
				Class<?> t = f.getType();
				bytes += t == long.class || t == double.class ? 8
						: t == int.class || t == float.class || !t.isPrimitive() ? 4
						: t == short.class || t == char.class ? 2 : 1;
			}
		}
		return (bytes + 7) & ~7L;
	}

	@Test
	void aSleepsAwaiterIs32Bytes() {
		assertThat(shallowSize(SleepAwaiter.class)).isEqualTo(32);
	}

	@Test
	void aTaskIs88Bytes() {
		assertThat(shallowSize(TaskImpl.class)).isEqualTo(88);
	}
}
