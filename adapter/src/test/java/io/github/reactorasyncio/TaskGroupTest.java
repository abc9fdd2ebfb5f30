package io.github.reactorasyncio;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

@org.junit.jupiter.api.Timeout(30)
class TaskGroupTest {

	@RegisterExtension
	final Steps steps = new Steps();

	private static final Duration LONG = Duration.ofHours(1);

	/** Sleeps "forever", recording the cancellation it gets. */
	private static Coroutine<String> sleeper(String name, Steps steps) {
		return () -> {
			try {
				Async.sleep(LONG);
				return name;
			}
			catch (CancelledError e) {
				steps.add(name + " cancelled");
				throw e;
			}
		};
	}

	private static Coroutine<String> yielding(String name, int n, Steps steps) {
		return () -> {
			for (int i = 0; i < n; i++) {
				Async.yieldNow();
			}
			steps.add(name + " done");
			return name;
		};
	}

	/*
	 * 3.13: a child fails while the parent is being cancelled from outside. The group raises its error, and the
	 * outside cancel stays pending, so the parent's next await is cancelled (3.12 lost it: "next await
	 * returned").
	 *
	 *   async def failing():
	 *       await asyncio.sleep(0)
	 *       raise ValueError("boom")
	 *   async def sleeper():
	 *       await asyncio.sleep(10)
	 *   async def parent():
	 *       try:
	 *           async with asyncio.TaskGroup() as tg:
	 *               tg.create_task(sleeper())
	 *               tg.create_task(failing())
	 *               await asyncio.sleep(10)
	 *       except* ValueError as eg:
	 *           steps.append("group raised " + repr(eg.exceptions))
	 *       steps.append("cancelling=%d" % asyncio.current_task().cancelling())
	 *       try:
	 *           await asyncio.sleep(0)
	 *           steps.append("next await returned")
	 *       except asyncio.CancelledError:
	 *           steps.append("next await cancelled")
	 *           raise
	 *   p = asyncio.create_task(parent())
	 *   await asyncio.sleep(0)           # parent enters the group, children created
	 *   await asyncio.sleep(0)           # failing raises
	 *   p.cancel()                       # outside cancel while the group handles the error
	 *   try:
	 *       await p
	 *   except asyncio.CancelledError:
	 *       steps.append("parent cancelled")
	 *   print(steps)
	 *   # 3.13: ["group raised (ValueError('boom'),)", 'cancelling=1', 'next await cancelled', 'parent cancelled']
	 */
	@Test
	void aChildErrorPlusAnOutsideCancelRaisesTheGroupErrorAndKeepsTheCancelPending() throws Exception {
		Async.run(() -> {
			Task<Void> parent = Async.createTask(() -> {
				try {
					TaskGroup.run(group -> {
						group.createTask(() -> {
							Async.sleep(LONG);
							return null;
						});
						group.createTask(() -> {
							Async.yieldNow();
							throw new IllegalArgumentException("boom");
						});
						Async.sleep(LONG);
						return null;
					});
				}
				catch (TaskGroupException e) {
					steps.add("group raised " + e.exceptions().stream().map(Throwable::getMessage).toList());
				}
				steps.add("cancelling=" + Async.currentTask().cancelling());
				try {
					Async.yieldNow();
					steps.add("next await returned");
				}
				catch (CancelledError e) {
					steps.add("next await cancelled");
					throw e;
				}
				return null;
			});
			Async.yieldNow();
			Async.yieldNow();
			parent.cancel();
			try {
				Async.await(parent);
			}
			catch (CancelledError e) {
				steps.add("parent cancelled");
			}
			return null;
		});
		assertThat(steps).containsExactly("group raised [boom]", "cancelling=1", "next await cancelled",
				"parent cancelled");
	}

	@Test
	void runWaitsForEveryChildBeforeReturningTheBodysResult() throws Exception {
		String result = Async.run(() -> {
			String r = TaskGroup.run(group -> {
				group.createTask(yielding("a", 3, steps));
				group.createTask(yielding("b", 1, steps), "b");
				steps.add("body done");
				return "body";
			});
			steps.add("group ended");
			return r;
		});
		assertThat(result).isEqualTo("body");
		assertThat(steps).containsExactly("body done", "b done", "a done", "group ended");
	}

	@Test
	void theFirstFailureCancelsSiblingsAndBodyAndEveryFailureIsReported() throws Exception {
		IOException first = new IOException("first");
		IllegalStateException second = new IllegalStateException("second");
		String after = Async.run(() -> {
			Throwable thrown = catchThrowable(() -> TaskGroup.run(group -> {
				group.createTask(sleeper("sibling", steps));
				group.createTask(() -> {
					throw first;
				});
				group.createTask(() -> {
					throw second;
				});
				try {
					Async.sleep(LONG);
				}
				catch (CancelledError e) {
					steps.add("body cancelled");
					throw e;
				}
				return null;
			}));
			assertThat(thrown).isInstanceOf(TaskGroupException.class);
			TaskGroupException group = (TaskGroupException) thrown;
			assertThat(group.exceptions()).containsExactly(first, second);
			assertThat(group.getSuppressed()).containsExactly(first, second);
			// the group withdrew its cancel request: the parent goes on normally
			assertThat(Async.currentTask().cancelling()).isZero();
			Async.sleep(Duration.ofMillis(1));
			return "parent goes on";
		});
		assertThat(after).isEqualTo("parent goes on");
		assertThat(steps).containsExactlyInAnyOrder("sibling cancelled", "body cancelled");
	}

	@Test
	void aBodyFailureInRunCancelsTheChildrenAndJoinsTheGroupException() throws Exception {
		IOException boom = new IOException("boom");
		Async.run(() -> {
			Throwable thrown = catchThrowable(() -> TaskGroup.run(group -> {
				group.createTask(sleeper("child", steps));
				Async.yieldNow();
				throw boom;
			}));
			assertThat(thrown).isInstanceOf(TaskGroupException.class);
			assertThat(((TaskGroupException) thrown).exceptions()).containsExactly(boom);
			return null;
		});
		assertThat(steps).containsExactly("child cancelled");
	}

	@Test
	void cancellingTheParentCancelsTheChildrenAndPropagates() throws Exception {
		Async.run(() -> {
			Task<Object> parent = Async.createTask(() -> TaskGroup.run(group -> {
				group.createTask(sleeper("a", steps));
				group.createTask(sleeper("b", steps));
				return Async.await(Async.currentLoop().createFuture());
			}));
			Async.yieldNow();
			Async.yieldNow();
			parent.cancel();
			assertThatThrownBy(() -> Async.await(parent)).isInstanceOf(CancelledError.class);
			assertThat(parent.isCancelled()).isTrue();
			return null;
		});
		assertThat(steps).containsExactlyInAnyOrder("a cancelled", "b cancelled");
	}

	@Test
	void cancellingTheParentWhileTheGroupWaitsForItsChildrenCancelsThem() throws Exception {
		Async.run(() -> {
			Task<String> parent = Async.createTask(() -> TaskGroup.run(group -> {
				group.createTask(sleeper("child", steps));
				steps.add("body returned");
				return "body";
			}));
			Async.yieldNow();
			Async.yieldNow();
			parent.cancel();
			assertThatThrownBy(() -> Async.await(parent)).isInstanceOf(CancelledError.class);
			return null;
		});
		assertThat(steps).containsExactly("body returned", "child cancelled");
	}

	@Test
	void groupCancelEndsTheGroupEarlyWithoutError() throws Exception {
		String result = Async.run(() -> {
			Object r = TaskGroup.run(group -> {
				group.createTask(sleeper("child", steps));
				group.createTask(() -> {
					Async.yieldNow();
					group.cancel();
					return "canceller";
				});
				try {
					Async.sleep(LONG);
				}
				catch (CancelledError e) {
					steps.add("body cancelled");
					throw e;
				}
				return "unreachable";
			});
			assertThat(Async.currentTask().cancelling()).isZero();
			Async.sleep(Duration.ofMillis(1)); // not cancelled any more
			return "run returned " + r;
		});
		assertThat(result).isEqualTo("run returned null");
		assertThat(steps).containsExactlyInAnyOrder("child cancelled", "body cancelled");
	}

	/*
	 * The three caveats of the removed try-with-resources form, each now impossible: TaskGroup.run is the only
	 * form. CPython 3.12, checked with python3.12:
	 *   async with TaskGroup() as tg: tg.create_task(sleeper()); await sleep(0); raise OSError("boom")
	 *     -> the child is cancelled ("child cancelled"), the group raises ExceptionGroup([OSError('boom')])
	 *   async with TaskGroup() as tg: tg.create_task(fail()); await sleep(100)
	 *     -> the body is cancelled, the group raises ExceptionGroup([OSError('boom')]), not CancelledError,
	 *        current_task().cancelling() == 0 and the task goes on
	 */
	@Test
	void formerCaveat1ABodyExceptionCancelsTheChildren() throws Exception {
		IOException boom = new IOException("boom");
		Async.run(() -> {
			Throwable thrown = catchThrowable(() -> TaskGroup.run(group -> {
				group.createTask(sleeper("child", steps));
				Async.yieldNow();
				throw boom;
			}));
			assertThat(thrown).isInstanceOf(TaskGroupException.class);
			assertThat(((TaskGroupException) thrown).exceptions()).containsExactly(boom);
			return null;
		});
		assertThat(steps).containsExactly("child cancelled");
	}

	@Test
	void formerCaveat2AChildFailureWhileTheBodyIsSuspendedIsTheGroupsExceptionNotACancellation()
			throws Exception {
		IOException boom = new IOException("boom");
		Async.run(() -> {
			Throwable thrown = catchThrowable(() -> TaskGroup.run(group -> {
				group.createTask(() -> {
					throw boom;
				});
				try {
					Async.sleep(LONG);
				}
				catch (CancelledError e) {
					steps.add("body cancelled");
					throw e;
				}
				return null;
			}));
			assertThat(thrown).isInstanceOf(TaskGroupException.class);
			assertThat(((TaskGroupException) thrown).exceptions()).containsExactly(boom);
			assertThat(Async.currentTask().cancelling()).isZero();
			Async.yieldNow(); // not cancelled any more
			steps.add("goes on");
			return null;
		});
		assertThat(steps).containsExactly("body cancelled", "goes on");
	}

	@Test
	void formerCaveat3GroupCancelFromTheBodyEndsTheGroupQuietly() throws Exception {
		Async.run(() -> {
			Object r = TaskGroup.run(group -> {
				group.createTask(sleeper("child", steps));
				Async.yieldNow();
				group.cancel();
				group.cancel(); // idempotent
				assertThatThrownBy(() -> group.createTask(() -> 1)).isInstanceOf(InvalidStateException.class)
						.hasMessageContaining("shutting down");
				Async.yieldNow(); // the cancellation lands here
				steps.add("unreachable");
				return "body";
			});
			steps.add("after the group: " + r);
			Async.yieldNow();
			return null;
		});
		assertThat(steps).containsExactly("child cancelled", "after the group: null");
	}

	@Test
	void aChildFailingWithAnErrorMakesTheGroupThrowThatError() throws Exception {
		AssertionError error = new AssertionError("fatal");
		Async.run(() -> {
			assertThatThrownBy(() -> TaskGroup.run(group -> {
				group.createTask(() -> {
					throw error;
				});
				group.createTask(() -> {
					throw new IOException("ordinary");
				});
				return null;
			})).isSameAs(error);
			return null;
		});
	}

	@Test
	void aCancelledChildIsNotAFailure() throws Exception {
		String r = Async.run(() -> TaskGroup.run(group -> {
			Task<String> child = group.createTask(sleeper("child", new Steps()));
			Task<String> ok = group.createTask(() -> "ok");
			Async.yieldNow();
			child.cancel();
			return "body";
		}));
		assertThat(r).isEqualTo("body");
	}

	@Test
	void aClosedGroupTakesNoTasks() throws Exception {
		Async.run(() -> {
			AtomicReference<TaskGroup> kept = new AtomicReference<>();
			TaskGroup.run(group -> {
				kept.set(group);
				return null;
			});
			assertThatThrownBy(() -> kept.get().createTask(() -> 1)).isInstanceOf(InvalidStateException.class)
					.hasMessageContaining("CLOSED");
			assertThat(kept.get().toString()).contains("CLOSED");
			kept.get().cancel(); // after the end: nothing happens
			Async.yieldNow();
			return null;
		});
		assertThatThrownBy(() -> TaskGroup.run(group -> null)).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("coroutine");
	}

	@Test
	void aTimeoutAroundTheGroupCancelsBodyAndChildrenAndBecomesTimeoutException() {
		StepVerifier.withVirtualTime(() -> Async.mono(() -> Async.timeout(Duration.ofSeconds(5),
						() -> TaskGroup.run(group -> {
							group.createTask(sleeper("child", steps));
							Async.sleep(LONG);
							return "unreachable";
						}))))
				.expectSubscription()
				.thenAwait(Duration.ofSeconds(5))
				.expectError(TimeoutException.class)
				.verify(Duration.ofSeconds(10));
		assertThat(steps).containsExactly("child cancelled");
	}

	@Test
	void aChildFailureInsideATimeoutIsTheGroupsErrorNotATimeout() throws Exception {
		IOException boom = new IOException("boom");
		Async.run(() -> {
			Throwable thrown = catchThrowable(() -> Async.timeout(LONG, () -> TaskGroup.run(group -> {
				group.createTask(() -> {
					throw boom;
				});
				Async.sleep(LONG);
				return null;
			})));
			assertThat(thrown).isInstanceOf(TaskGroupException.class);
			assertThat(Async.currentTask().cancelling()).isZero();
			return null;
		});
	}

	@Test
	void childrenCreatedByChildrenOfTheGroupAreAwaitedToo() throws Exception {
		Async.run(() -> {
			TaskGroup.run(group -> {
				group.createTask(() -> {
					Async.yieldNow();
					group.createTask(yielding("grandchild", 2, steps));
					return null;
				});
				return null;
			});
			steps.add("group ended");
			return null;
		});
		assertThat(steps).containsExactly("grandchild done", "group ended");
	}
}
