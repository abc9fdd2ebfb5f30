package io.github.reactorasyncio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link VarContext}: Python's {@code contextvars.Context}, {@code copy_context()} and
 * {@code create_task(coro, context=ctx)}, ported from CPython 3.12's test_context.py and
 * test_asyncio/test_tasks.py (test_context_4/5/6). Each test runs on a fresh thread or loop, so that it
 * starts from an empty context, as CPython's {@code contextvars.Context()} does.
 */
@Timeout(30)
class VarContextTest {

	/*
	 * test_context_run_4: ctx1.run(func1) where func1 sets var='spam', runs ctx2.run(func2) (func2 sees None),
	 * still sees 'spam', and returns copy_context(), which equals ctx1's values: returned[var] == 'spam'.
	 */
	@Test
	void runSetsInTheContextAndANestedRunSeesItsOwn() throws Exception {
		onFreshThread(() -> {
			VarContext ctx1 = VarContext.copyContext();
			VarContext ctx2 = VarContext.copyContext();
			ContextVar<String> var = ContextVar.create("var");
			VarContext returned = ctx1.run(() -> {
				assertThat(var.get(null)).isNull();
				var.set("spam");
				ctx2.run(() -> {
					assertThat(var.get(null)).isNull();
					return null;
				});
				assertThat(var.get(null)).isEqualTo("spam");
				return VarContext.copyContext();
			});
			assertThat(returned.get(var, null)).isEqualTo("spam");
			assertThat(returned.contains(var)).isTrue();
			assertThat(ctx1.get(var, null)).isEqualTo("spam");
			assertThat(ctx2.contains(var)).isFalse();
			assertThat(var.get(null)).isNull(); // the caller's own context is untouched
		});
	}

	/* test_context_run_5: a set inside run that then raises leaves the caller's context untouched. */
	@Test
	void anExceptionLeavesTheCallersContextUntouchedAndIsTheSameInstance() throws Exception {
		onFreshThread(() -> {
			VarContext ctx = VarContext.copyContext();
			ContextVar<String> var = ContextVar.create("var");
			ArithmeticException boom = new ArithmeticException("/ by zero");
			assertThatThrownBy(() -> ctx.run(() -> {
				var.set("spam");
				throw boom;
			})).isSameAs(boom);
			assertThat(var.get(null)).isNull();
			assertThat(ctx.get(var, null)).isEqualTo("spam");
		});
	}

	/* test_context_run_6: inside run, ctx.get(c) sees what the body set: None, then 42. */
	@Test
	void theContextShowsTheBodysSetsWhileItRuns() throws Exception {
		onFreshThread(() -> {
			VarContext ctx = VarContext.copyContext();
			ContextVar<Integer> c = ContextVar.create("a", 0);
			ctx.run(() -> {
				assertThat(c.get()).isZero();
				assertThat(ctx.get(c, null)).isNull();
				c.set(42);
				assertThat(c.get()).isEqualTo(42);
				assertThat(ctx.get(c, null)).isEqualTo(42);
				return null;
			});
		});
	}

	/* test_context_run_7: ctx.run inside ctx.run raises RuntimeError('... is already entered'). */
	@Test
	void aContextCannotBeEnteredTwice() throws Exception {
		onFreshThread(() -> {
			VarContext ctx = VarContext.copyContext();
			ctx.run(() -> {
				assertThatThrownBy(() -> ctx.run(() -> null)).isInstanceOf(IllegalStateException.class)
						.hasMessageContaining("is already entered");
				return null;
			});
			assertThat(ctx.run(() -> "again")).isEqualTo("again"); // and once out, it may be entered again
		});
	}

	/* test_context_copy_1: ctx2 = ctx1.copy() sees 10; later sets in either stay there (20 / 30). */
	@Test
	void aCopyIsIndependent() throws Exception {
		onFreshThread(() -> {
			VarContext ctx1 = VarContext.copyContext();
			ContextVar<Integer> c = ContextVar.create("c", 42);
			ctx1.run(() -> {
				c.set(10);
				VarContext ctx2 = ctx1.copy();
				assertThat(ctx2.get(c, null)).isEqualTo(10);
				c.set(20);
				assertThat(ctx1.get(c, null)).isEqualTo(20);
				assertThat(ctx2.get(c, null)).isEqualTo(10);
				ctx2.run(() -> {
					assertThat(c.get()).isEqualTo(10);
					c.set(30);
					return null;
				});
				assertThat(ctx1.get(c, null)).isEqualTo(20);
				assertThat(ctx2.get(c, null)).isEqualTo(30);
				return null;
			});
		});
	}

	/*
	 * test_tasks.test_context_4/5/6:
	 *   async def coro(val): await asyncio.sleep(0); cvar.set(val)
	 *   ctx = copy_context(); ret = [ctx.get(cvar)]
	 *   await create_task(coro(1), context=ctx); ret.append(ctx.get(cvar))
	 *   await create_task(coro(2), context=ctx); ret.append(ctx.get(cvar))   -> [None, 1, 2]
	 */
	@Test
	void aTaskCreatedWithAContextWritesThatContext() throws Exception {
		ContextVar<Integer> cvar = ContextVar.create("cvar");
		List<Integer> ret = Async.run(() -> {
			List<Integer> r = new ArrayList<>();
			VarContext ctx = VarContext.copyContext();
			r.add(ctx.get(cvar, null));
			Async.await(Async.createTask(() -> {
				Async.yieldNow();
				cvar.set(1);
				return null;
			}, ctx));
			r.add(ctx.get(cvar, null));
			Async.await(Async.currentLoop().createTask(() -> {
				Async.yieldNow();
				cvar.set(2);
				return null;
			}, ctx));
			r.add(ctx.get(cvar, null));
			assertThat(cvar.get(null)).isNull(); // the creator's own context did not change
			return r;
		});
		assertThat(ret).isEqualTo(Arrays.asList(null, 1, 2));
	}

	/* Python: async with TaskGroup() as tg: tg.create_task(coro(7), context=ctx); then ctx.get(cvar) -> 7 */
	@Test
	void aTaskGroupChildCreatedWithAContextWritesThatContext() throws Exception {
		ContextVar<Integer> cvar = ContextVar.create("cvar");
		Integer r = Async.run(() -> {
			VarContext ctx = VarContext.copyContext();
			TaskGroup.run(group -> group.createTask(() -> {
				Async.yieldNow();
				cvar.set(7);
				return null;
			}, ctx));
			assertThat(cvar.get(null)).isNull();
			return ctx.get(cvar, null);
		});
		assertThat(r).isEqualTo(7);
	}

	@Test
	void twoTasksSharingAContextSeeEachOthersSetsAtTheirNextStep() throws Exception {
		ContextVar<String> var = ContextVar.create("var");
		List<String> seen = Async.run(() -> {
			VarContext shared = VarContext.copyContext();
			List<String> s = new ArrayList<>();
			Task<Object> a = Async.createTask(() -> {
				var.set("from a");
				Async.sleep(Duration.ofMillis(5));
				s.add("a sees " + var.get());
				return null;
			}, shared);
			Task<Object> b = Async.createTask(() -> {
				Async.yieldNow();
				s.add("b sees " + var.get());
				var.set("from b");
				return null;
			}, shared);
			Async.gather(a, b);
			s.add("shared holds " + shared.get(var, null));
			return s;
		});
		assertThat(seen).containsExactly("b sees from a", "a sees from b", "shared holds from b");
	}

	@Test
	void aCoroutineMayAwaitInsideRunAndOtherTasksKeepTheirOwnContext() throws Exception {
		ContextVar<String> var = ContextVar.create("var", "default");
		List<String> seen = Async.run(() -> {
			List<String> s = new ArrayList<>();
			var.set("outer");
			VarContext ctx = VarContext.copyContext();
			Task<Object> other = Async.createTask(() -> {
				Async.yieldNow();
				s.add("other sees " + var.get());
				return null;
			});
			String r = ctx.run(() -> {
				var.set("inner");
				Async.sleep(Duration.ofMillis(2)); // other runs meanwhile, in its own context
				return var.get();
			});
			Async.await(other);
			s.add("run returned " + r + ", caller sees " + var.get() + ", ctx holds " + ctx.get(var, null));
			return s;
		});
		assertThat(seen).containsExactly("other sees outer", "run returned inner, caller sees outer, ctx holds inner");
	}

	@Test
	void onlyTheLibrarysContextsAreAccepted() throws Exception {
		Async.run(() -> {
			VarContext foreign = new VarContext() {
				@Override
				public <T> T run(java.util.concurrent.Callable<T> body) throws Exception {
					return body.call();
				}

				@Override
				public <T> T get(ContextVar<T> var, T fallback) {
					return fallback;
				}

				@Override
				public boolean contains(ContextVar<?> var) {
					return false;
				}

				@Override
				public VarContext copy() {
					return this;
				}
			};
			assertThatThrownBy(() -> Async.createTask(() -> null, foreign))
					.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VarContext.copyContext()");
			return null;
		});
	}

	private interface ThrowingRunnable {
		void run() throws Exception;
	}

	private static void onFreshThread(ThrowingRunnable body) throws Exception {
		Exception[] failure = new Exception[1];
		Error[] error = new Error[1];
		Thread t = Thread.ofPlatform().start(() -> {
			try {
				body.run();
			}
			catch (Exception e) {
				failure[0] = e;
			}
			catch (Error e) {
				error[0] = e;
			}
		});
		t.join();
		if (error[0] != null) {
			throw error[0];
		}
		if (failure[0] != null) {
			throw failure[0];
		}
	}
}
