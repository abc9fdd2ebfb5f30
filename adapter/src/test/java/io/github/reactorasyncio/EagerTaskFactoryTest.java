package io.github.reactorasyncio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link EventLoop#setEagerTasks(boolean)}: the cases of CPython 3.12's
 * {@code test_asyncio/test_eager_task_factory.py} (EagerTaskFactoryLoopTests), each with the Python it ports,
 * on a loop whose task factory is {@code asyncio.eager_task_factory}.
 */
@Timeout(30)
@ExtendWith(LoopPerTest.class)
@LoopPerTest.Options(eagerTasks = true)
class EagerTaskFactoryTest {

	@RegisterExtension
	final Steps steps = new Steps();

	@LoopPerTest.Loop
	private EventLoop loop;

	/* test_eager_task_factory_set: loop.set_task_factory(eager_task_factory); the factory is set. */
	@Test
	void theFactoryIsOffByDefaultAndCanBeSet(@LoopPerTest.Another EventLoop plain) {
		try (plain) {
			assertThat(plain.isEagerTasks()).isFalse();
		}
		assertThat(loop.isEagerTasks()).isTrue();
	}

	/*
	 * test_await_future_during_eager_step:
	 *   async def set_result(fut, val): fut.set_result(val)
	 *   t = loop.create_task(set_result(fut, 'my message')); assert t.done(); return await fut  -> 'my message'
	 */
	@Test
	void aFutureSetDuringTheEagerStepIsDoneWhenCreateTaskReturns() throws Exception {
		String r = loop.run(() -> {
			Future<String> fut = loop.createFuture();
			Task<Object> t = loop.createTask(() -> {
				fut.setResult("my message");
				return null;
			});
			assertThat(t.isDone()).isTrue();
			assertThat(fut.isDone()).isTrue();
			return Async.await(fut);
		});
		assertThat(r).isEqualTo("my message");
	}

	/* test_eager_completion: t = create_task(coro()) where coro returns 'hello'; t.done(); await t -> 'hello' */
	@Test
	void aTaskThatDoesNotSuspendIsDoneWhenCreateTaskReturns() throws Exception {
		String r = loop.run(() -> {
			Task<String> t = Async.createTask(() -> "hello");
			assertThat(t.isDone()).isTrue();
			assertThat(t.result()).isEqualTo("hello");
			return Async.await(t);
		});
		assertThat(r).isEqualTo("hello");
	}

	/* test_block_after_eager_step: coro awaits sleep(0.1): not done after create_task; await t -> its result */
	@Test
	void aTaskThatSuspendsIsScheduledAsUsual() throws Exception {
		String r = loop.run(() -> {
			Task<String> t = Async.createTask(() -> {
				steps.add("first step");
				Async.sleep(Duration.ofMillis(10));
				steps.add("second step");
				return "finished after blocking";
			});
			steps.add("createTask returned");
			assertThat(t.isDone()).isFalse();
			String result = Async.await(t);
			assertThat(t.isDone()).isTrue();
			return result;
		});
		assertThat(r).isEqualTo("finished after blocking");
		assertThat(steps).containsExactly("first step", "createTask returned", "second step");
	}

	/* test_cancellation_after_eager_completion: t.cancel() on the eagerly finished task; not cancelled */
	@Test
	void cancellingAnEagerlyFinishedTaskDoesNothing() throws Exception {
		String r = loop.run(() -> {
			Task<String> t = Async.createTask(() -> "finished without blocking");
			assertThat(t.cancel()).isFalse();
			String result = Async.await(t);
			assertThat(t.isCancelled()).isFalse();
			return result;
		});
		assertThat(r).isEqualTo("finished without blocking");
	}

	/*
	 * test_cancellation_after_eager_step_blocks: t.cancel('cancellation message'); t.cancelling() > 0;
	 * await t raises CancelledError('cancellation message')
	 */
	@Test
	void cancellingATaskBlockedAfterItsEagerStep() throws Exception {
		assertThatThrownBy(() -> loop.run(() -> {
			Task<String> t = Async.createTask(() -> {
				Async.sleep(Duration.ofMillis(100));
				return "finished after blocking";
			});
			t.cancel("cancellation message");
			assertThat(t.cancelling()).isPositive();
			return Async.await(t);
		})).isInstanceOf(CancelledError.class).hasMessage("cancellation message");
	}

	/* test_current_task: current_task() in the eager step is t, and the same after blocking */
	@Test
	void theCurrentTaskDuringTheEagerStepIsTheNewTask() throws Exception {
		AtomicReference<Task<?>> captured = new AtomicReference<>();
		loop.run(() -> {
			Task<?> creator = Async.currentTask();
			Task<Object> t = Async.createTask(() -> {
				captured.set(Async.currentTask());
				Async.sleep(Duration.ofMillis(10));
				assertThat(Async.currentTask()).isSameAs(captured.get());
				return null;
			});
			assertThat(captured.get()).isSameAs(t);
			assertThat(Async.currentTask()).isSameAs(creator);
			Async.await(t);
			return null;
		});
	}

	/* test_all_tasks_with_eager_completion: t in all_tasks() during its step, not after */
	@Test
	void allTasksDuringAndAfterAnEagerCompletion() throws Exception {
		AtomicReference<Set<Task<?>>> captured = new AtomicReference<>();
		loop.run(() -> {
			Task<Object> t = Async.createTask(() -> {
				captured.set(Async.allTasks());
				return null;
			});
			assertThat(captured.get()).contains(t);
			assertThat(Async.allTasks()).doesNotContain(t);
			return null;
		});
	}

	/* test_all_tasks_with_blocking: in all_tasks() during the eager step and while blocked; not once done */
	@Test
	void allTasksWithBlocking() throws Exception {
		AtomicReference<Set<Task<?>>> captured = new AtomicReference<>();
		loop.run(() -> {
			Future<Object> fut1 = loop.createFuture();
			Future<Object> fut2 = loop.createFuture();
			Task<Object> t = Async.createTask(() -> {
				captured.set(Async.allTasks());
				Async.await(fut1);
				fut2.setResult(null);
				return null;
			});
			assertThat(captured.get()).contains(t);
			assertThat(Async.allTasks()).contains(t);
			fut1.setResult(null);
			Async.await(fut2);
			Async.yieldNow(); // t's last step ends after fut2's waiter is woken
			assertThat(Async.allTasks()).doesNotContain(t);
			return null;
		});
	}

	/*
	 * test_context_vars: cv.set(1); t = create_task(coro()) where coro sees 1, sets 2, sleeps, sees 2, sets 3;
	 * after create_task the first step ran, the second not, and the creator still sees 1, also after await t.
	 */
	@Test
	void contextVarsOfTheEagerStepAreTheTasksOwn() throws Exception {
		ContextVar<Integer> cv = ContextVar.create("cv", 0);
		loop.run(() -> {
			cv.set(1);
			Task<Object> t = Async.createTask(() -> {
				assertThat(cv.get()).isEqualTo(1);
				cv.set(2);
				steps.add("first step ran");
				Async.sleep(Duration.ofMillis(10));
				assertThat(cv.get()).isEqualTo(2);
				cv.set(3);
				steps.add("second step ran");
				return null;
			});
			assertThat(steps).containsExactly("first step ran");
			assertThat(cv.get()).isEqualTo(1);
			Async.await(t);
			assertThat(steps).containsExactly("first step ran", "second step ran");
			assertThat(cv.get()).isEqualTo(1);
			return null;
		});
	}

	/*
	 * Ordering, checked with python3.12 and eager_task_factory:
	 *   async def child(n): log.append(f'child {n} start'); await asyncio.sleep(0); log.append(f'child {n} end')
	 *   t1 = create_task(child(1)); log.append('after 1'); t2 = create_task(child(2)); log.append('after 2')
	 *   await gather(t1, t2)
	 *   -> ['child 1 start', 'after 1', 'child 2 start', 'after 2', 'child 1 end', 'child 2 end']
	 * and nested eager creation, from a task group, and an eager child that fails.
	 */
	@Test
	void eagerStepsRunInCreationOrderAndNest() throws Exception {
		List<String> log = new ArrayList<>();
		loop.run(() -> {
			Task<Object> t1 = Async.createTask(() -> {
				log.add("child 1 start");
				Task<String> grandchild = Async.createTask(() -> "grandchild done");
				log.add(grandchild.isDone() ? grandchild.result() : "grandchild pending");
				Async.yieldNow();
				log.add("child 1 end");
				return null;
			});
			log.add("after 1");
			Task<Object> t2 = Async.createTask(() -> {
				log.add("child 2 start");
				Async.yieldNow();
				log.add("child 2 end");
				return null;
			});
			log.add("after 2");
			Async.gather(t1, t2);
			return null;
		});
		assertThat(log).containsExactly("child 1 start", "grandchild done", "after 1", "child 2 start", "after 2",
				"child 1 end", "child 2 end");
	}

	@Test
	void anEagerChildOfATaskGroupThatFailsFailsTheGroup() throws Exception {
		java.io.IOException boom = new java.io.IOException("boom");
		loop.run(() -> {
			Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> TaskGroup.run(group -> {
				Task<Object> child = group.createTask(() -> {
					throw boom;
				});
				assertThat(child.isDone()).isTrue();
				Async.sleep(Duration.ofSeconds(30)); // cancelled by the group
				return null;
			}));
			assertThat(thrown).isInstanceOf(TaskGroupException.class);
			assertThat(((TaskGroupException) thrown).exceptions()).containsExactly(boom);
			return null;
		});
	}

	@Test
	void tasksCreatedOutsideACoroutineStartLazily() throws Exception {
		List<String> log = new ArrayList<>();
		Task<Object> t = loop.createTask(() -> {
			log.add("ran");
			return null;
		});
		loop.run(() -> Async.await(t));
		assertThat(log).containsExactly("ran");
		loop.run(() -> {
			loop.callSoon(() -> log.add(loop.createTask(() -> null).isDone() ? "eager in callback" : "lazy in callback"));
			Async.sleep(Duration.ofMillis(1));
			return null;
		});
		assertThat(log).containsExactly("ran", "lazy in callback");
	}
}
