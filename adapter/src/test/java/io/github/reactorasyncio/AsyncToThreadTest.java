package io.github.reactorasyncio;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Async#toThread}: blocking work off the loop. */
@org.junit.jupiter.api.Timeout(30)
class AsyncToThreadTest {

	private static final ContextVar<String> USER = ContextVar.create("user");

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void runsOnBoundedElasticAndResumesOnTheLoop() throws Exception {
		String result = Async.run(() -> {
			String where = Async.toThread(() -> Thread.currentThread().getName() + ", in coroutine="
					+ Async.inCoroutine());
			assertThat(Async.inCoroutine()).isTrue();
			assertThat(Async.<Object>toThread(() -> null)).isNull();
			return where;
		});
		assertThat(result).contains("boundedElastic").endsWith("in coroutine=false");
	}

	@Test
	void theLoopKeepsRunningWhileTheCallableBlocks() throws Exception {
		CountDownLatch releasedByTheLoop = new CountDownLatch(1);
		String r = Async.run(() -> {
			Task<Object> other = Async.createTask(() -> {
				releasedByTheLoop.countDown();
				return null;
			});
			boolean released = Async.toThread(() -> releasedByTheLoop.await(10, TimeUnit.SECONDS));
			Async.await(other);
			return "released=" + released;
		});
		assertThat(r).isEqualTo("released=true");
	}

	@Test
	void theCallablesExceptionIsThrownAsTheSameInstance() throws Exception {
		IOException boom = new IOException("boom");
		Async.run(() -> {
			assertThatThrownBy(() -> Async.toThread(() -> {
				throw boom;
			})).isSameAs(boom);
			return null;
		});
	}

	@Test
	void cancelThrowsCancelledErrorInTheCoroutineAndInterruptsTheThread() throws Exception {
		CountDownLatch interrupted = new CountDownLatch(1);
		Async.run(() -> {
			CompletableFuture<Void> started = new CompletableFuture<>();
			Task<String> task = Async.createTask(() -> Async.toThread(() -> {
				started.complete(null);
				try {
					Thread.sleep(60_000);
					return "slept";
				}
				catch (InterruptedException e) {
					interrupted.countDown();
					throw e;
				}
			}));
			Async.await(started);
			task.cancel();
			assertThatThrownBy(() -> Async.await(task)).isInstanceOf(CancelledError.class);
			return null;
		});
		assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void theCallableSeesTheTasksContextVariablesAndMdc() throws Exception {
		String seen = Async.run(() -> {
			USER.set("ann");
			MDC.put("request", "r-7");
			return Async.toThread(() -> USER.get() + "/" + MDC.get("request"));
		});
		assertThat(seen).isEqualTo("ann/r-7");
	}

	/*
	 * CPython 3.12: to_thread copies the context (await asyncio.to_thread(var.get) -> 'parent'); here the
	 * executor is the caller's choice and the copy holds there too.
	 */
	@Test
	void onAnExecutorOfTheCallersChoiceWithTheTasksContext() throws Exception {
		java.util.concurrent.ExecutorService mine = java.util.concurrent.Executors.newSingleThreadExecutor(
				r -> new Thread(r, "mine-1"));
		try {
			String r = Async.run(() -> {
				USER.set("alice");
				String where = Async.toThread(mine, () -> Thread.currentThread().getName() + " " + USER.get());
				assertThat(Async.inCoroutine()).isTrue();
				assertThat(Async.<Object>toThread(mine, () -> null)).isNull();
				return where;
			});
			assertThat(r).isEqualTo("mine-1 alice");
			IOException boom = new IOException("boom");
			assertThatThrownBy(() -> Async.run(() -> Async.toThread(mine, () -> {
				throw boom;
			}))).isSameAs(boom);
		}
		finally {
			mine.shutdownNow();
		}
	}

	@Test
	void cancelOnAnExecutorInterruptsTheRunningCallable() throws Exception {
		java.util.concurrent.ExecutorService mine = java.util.concurrent.Executors.newSingleThreadExecutor();
		CountDownLatch started = new CountDownLatch(1);
		CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
		try {
			Async.run(() -> {
				Task<Object> t = Async.createTask(() -> Async.toThread(mine, () -> {
					started.countDown();
					try {
						Thread.sleep(30_000);
						interrupted.complete(false);
					}
					catch (InterruptedException e) {
						interrupted.complete(true);
					}
					return null;
				}));
				Async.toThread(() -> started.await(10, TimeUnit.SECONDS));
				t.cancel();
				assertThatThrownBy(() -> Async.await(t)).isInstanceOf(CancelledError.class);
				return null;
			});
			assertThat(interrupted.get(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			mine.shutdownNow();
		}
	}

	@Test
	void anExecutorThatRejectsMakesTheAwaitThrowItsException() throws Exception {
		java.util.concurrent.RejectedExecutionException no = new java.util.concurrent.RejectedExecutionException("full");
		Async.run(() -> {
			assertThatThrownBy(() -> Async.toThread(r -> {
				throw no;
			}, () -> "never")).isSameAs(no);
			return null;
		});
	}
}
