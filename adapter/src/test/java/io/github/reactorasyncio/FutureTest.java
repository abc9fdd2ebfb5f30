package io.github.reactorasyncio;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
@ExtendWith(LoopPerTest.class)
class FutureTest {

	@RegisterExtension
	final Steps steps = new Steps();

	@LoopPerTest.Loop
	private EventLoop loop;

	/*
	 * setResult schedules the waiter's wake-up like call_soon: FIFO with every other ready item, so a waiter
	 * woken before a task is created runs before that task's first step.
	 *
	 *   fut = asyncio.get_running_loop().create_future()
	 *   async def waiter():
	 *       await fut
	 *       steps.append("waiter woke")
	 *   async def new():
	 *       steps.append("new task's first step")
	 *   asyncio.create_task(waiter())
	 *   await asyncio.sleep(0)          # the waiter awaits fut
	 *   fut.set_result(1)
	 *   asyncio.create_task(new())
	 *   await asyncio.sleep(0.01)
	 *   print(steps)   # 3.12, 3.13: ['waiter woke', "new task's first step"]
	 */
	@Test
	void aWaiterWokenBySetResultRunsBeforeATaskCreatedAfterwards() throws Exception {
		loop.run(() -> {
			Future<Integer> fut = Async.currentLoop().createFuture();
			Task<Void> waiter = Async.createTask(() -> {
				Async.await(fut);
				steps.add("waiter woke");
				return null;
			});
			Async.yieldNow();
			fut.setResult(1);
			Task<Void> created = Async.createTask(() -> {
				steps.add("new task's first step");
				return null;
			});
			Async.gather(waiter, created);
			return null;
		});
		assertThat(steps).containsExactly("waiter woke", "new task's first step");
	}

	@Test
	void pendingFutureHasNoResultYet() {
		Future<String> f = loop.createFuture();
		assertThat(f.state()).isEqualTo(Future.State.PENDING);
		assertThat(f.isDone()).isFalse();
		assertThat(f.loop()).isSameAs(loop);
		assertThatThrownBy(f::result).isInstanceOf(InvalidStateException.class).hasMessageContaining("PENDING");
		assertThatThrownBy(f::exception).isInstanceOf(InvalidStateException.class);
		assertThat(f).hasToString("Future[PENDING]");
	}

	@Test
	void resultAndExceptionAreSetOnce() throws Exception {
		Future<String> ok = loop.createFuture();
		ok.setResult("v");
		assertThat(ok.result()).isEqualTo("v");
		assertThat(ok.exception()).isNull();
		assertThatThrownBy(() -> ok.setResult("w")).isInstanceOf(InvalidStateException.class)
				.hasMessageContaining("DONE");
		assertThat(ok.cancel()).isFalse();

		IOException boom = new IOException("boom");
		Future<String> failed = loop.createFuture();
		failed.setException(boom);
		assertThat(failed.exception()).isSameAs(boom);
		assertThatThrownBy(failed::result).isSameAs(boom);
		assertThatThrownBy(() -> failed.setException(boom)).isInstanceOf(InvalidStateException.class);
	}

	@Test
	void cancelledFutureThrowsCancelledWithTheMessage() {
		Future<String> f = loop.createFuture();
		assertThat(f.cancel("no longer needed")).isTrue();
		assertThat(f.isCancelled()).isTrue();
		assertThat(f.isDone()).isTrue();
		assertThatThrownBy(f::result).isInstanceOf(CancelledError.class).hasMessage("no longer needed");
		assertThatThrownBy(f::exception).isInstanceOf(CancelledError.class);
		assertThat(f.cancel()).isFalse();
	}

	@Test
	void doneCallbacksRunOnTheLoopInOrderAfterTheSetter() throws Exception {
		loop.run(() -> {
			Future<String> f = Async.currentLoop().createFuture();
			f.addDoneCallback(x -> steps.add("first " + Async.inCoroutine()));
			f.addDoneCallback(x -> steps.add("second"));
			f.setResult("v");
			steps.add("setter returns");
			Async.yieldNow();
			f.addDoneCallback(x -> steps.add("added when done"));
			Async.yieldNow();
			return null;
		});
		assertThat(steps).containsExactly("setter returns", "first false", "second", "added when done");
	}

	@Test
	void removedCallbacksDoNotRun() throws Exception {
		Consumer<Future<String>> cb = x -> steps.add("removed");
		loop.run(() -> {
			Future<String> f = Async.currentLoop().createFuture();
			f.addDoneCallback(cb);
			f.addDoneCallback(cb);
			f.addDoneCallback(x -> steps.add("kept"));
			assertThat(f.removeDoneCallback(cb)).isEqualTo(2);
			f.setResult("v");
			Async.yieldNow();
			return null;
		});
		assertThat(steps).containsExactly("kept");
	}

	@Test
	void callbacksRemovedFromTheFirstMiddleAndLastPlaceLeaveTheOthersInOrder() throws Exception {
		loop.run(() -> {
			Future<String> f = Async.currentLoop().createFuture();
			List<Consumer<Future<String>>> cbs = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				String name = "c" + i;
				Consumer<Future<String>> cb = x -> steps.add(name);
				cbs.add(cb);
				f.addDoneCallback(cb);
			}
			assertThat(f.removeDoneCallback(cbs.get(3))).isEqualTo(1);
			assertThat(f.removeDoneCallback(cbs.get(0))).isEqualTo(1);
			assertThat(f.removeDoneCallback(cbs.get(9))).isEqualTo(1);
			assertThat(f.removeDoneCallback(cbs.get(9))).isZero();
			f.addDoneCallback(x -> steps.add("c10"));
			f.setResult("v");
			Async.yieldNow();
			return null;
		});
		assertThat(steps).containsExactly("c1", "c2", "c4", "c5", "c6", "c7", "c8", "c10");
	}

	/** Issue 11 item 4: each cancelled waiter takes its own callback off the shared future, and only its own. */
	@Test
	void cancelledShieldAndWaitWaitersLeaveTheSharedFutureToTheOthers() throws Exception {
		String r = loop.run(() -> {
			Future<String> shared = Async.currentLoop().createFuture();
			List<Task<Object>> cancelled = new ArrayList<>();
			for (int i = 0; i < 2_000; i++) {
				cancelled.add(Async.createTask(() -> Async.await(Async.shield(shared))));
				cancelled.add(Async.createTask(() -> Async.waitFutures(java.util.Set.of(shared))));
			}
			Task<String> kept = Async.createTask(() -> Async.await(Async.shield(shared)) + " "
					+ Async.waitFutures(java.util.Set.of(shared)).done().size());
			Async.sleep(Duration.ofMillis(1));
			cancelled.forEach(Task::cancel);
			for (Task<Object> t : cancelled) {
				assertThatThrownBy(() -> Async.await(t)).isInstanceOf(CancelledError.class);
			}
			assertThat(shared.isDone()).isFalse();
			shared.setResult("shared");
			return Async.await(kept);
		});
		assertThat(r).isEqualTo("shared 1");
	}

	/**
	 * Issue 11 item 5: the report of an exception nobody retrieved comes to the handler on the loop (not on
	 * the JDK's Cleaner thread) while the loop is open. Deterministic: it waits, with System.gc(), until the
	 * Cleaner ran, up to a bound.
	 */
	@Test
	void neverRetrievedExceptionIsReportedOnTheLoopWhileItIsOpen() throws Exception {
		CompletableFuture<String> report = new CompletableFuture<>();
		loop.setExceptionHandler(ctx -> report.complete(ctx.message() + " / " + ctx.exception().getMessage()
				+ " / on loop: " + isOnLoop()));
		loop.run(() -> {
			Async.currentLoop().<String>createFuture().setException(new IOException("lost"));
			return null;
		});
		assertThat(awaitWithGc(report)).isEqualTo("Future exception was never retrieved / lost / on loop: true");
	}

	private boolean isOnLoop() {
		try {
			return Async.currentLoop() == loop;
		}
		catch (IllegalStateException e) {
			return false;
		}
	}

	/** After close the handler is not called any more: the report is logged (see EventLoop#close). */
	@Test
	void neverRetrievedExceptionAfterTheLoopClosedIsLoggedNotHandled() throws Exception {
		List<String> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
		loop.setExceptionHandler(ctx -> handled.add(ctx.message()));
		ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(EventLoop.class);
		ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
				new ch.qos.logback.core.read.ListAppender<>();
		appender.start();
		log.addAppender(appender);
		try {
			Object[] keep = new Object[1];
			loop.run(() -> {
				Future<String> f = Async.currentLoop().createFuture();
				f.setException(new IOException("lost after close"));
				keep[0] = f;
				return null;
			});
			loop.close();
			keep[0] = null;
			CompletableFuture<String> logged = new CompletableFuture<>();
			for (int i = 0; i < 200 && !logged.isDone(); i++) {
				System.gc();
				Thread.sleep(25);
				for (ch.qos.logback.classic.spi.ILoggingEvent e : List.copyOf(appender.list)) {
					if (e.getFormattedMessage().contains("never retrieved")) {
						logged.complete(e.getFormattedMessage());
					}
				}
			}
			assertThat(logged).isDone();
			assertThat(logged.get()).contains("closed");
			assertThat(handled).isEmpty();
		}
		finally {
			log.detachAppender(appender);
		}
	}

	private static String awaitWithGc(CompletableFuture<String> report) throws Exception {
		for (int i = 0; i < 200 && !report.isDone(); i++) {
			System.gc();
			Thread.sleep(25);
		}
		return report.get(1, java.util.concurrent.TimeUnit.SECONDS);
	}

	@Test
	void setResultFromAnotherThreadWakesTheAwaiter() throws Exception {
		Future<String> f = loop.createFuture();
		Thread setter = Thread.ofPlatform().unstarted(() -> f.setResult("from outside"));
		String r = loop.run(() -> {
			setter.start();
			return Async.await(f);
		});
		setter.join();
		assertThat(r).isEqualTo("from outside");
	}

	@Test
	void toMonoIsAHotViewThatDoesNotCancelTheFuture() {
		Future<String> f = loop.createFuture();
		StepVerifier.create(f.toMono()).expectSubscription().then(() -> f.setResult("v")).expectNext("v")
				.verifyComplete();
		StepVerifier.create(f.toMono()).expectNext("v").verifyComplete();

		Future<String> pending = loop.createFuture();
		Disposable d = pending.toMono().subscribe();
		d.dispose();
		assertThat(pending.isCancelled()).isFalse();

		Future<String> empty = loop.createFuture();
		empty.setResult(null);
		StepVerifier.create(empty.toMono()).verifyComplete();

		IOException boom = new IOException();
		Future<String> failed = loop.createFuture();
		failed.setException(boom);
		StepVerifier.create(failed.toMono()).expectErrorSatisfies(e -> assertThat(e).isSameAs(boom)).verify();

		Future<String> cancelled = loop.createFuture();
		cancelled.cancel();
		StepVerifier.create(cancelled.toMono()).expectError(CancelledError.class).verify();
	}

	@Test
	void aToMonoSubscriberThatCancelledAsTheFutureFailedIsNotSignalledNorIsTheErrorLoggedAsDropped()
			throws Exception {
		List<Throwable> dropped = new java.util.concurrent.CopyOnWriteArrayList<>();
		List<Throwable> delivered = new ArrayList<>();
		reactor.core.publisher.Hooks.onErrorDropped(dropped::add);
		try {
			loop.run(() -> {
				Future<String> f = Async.currentLoop().createFuture();
				Disposable d = f.toMono().subscribe(v -> {
				}, delivered::add);
				f.setException(new IOException("failed as the subscriber left"));
				d.dispose(); // the done callback is queued on the loop but has not run yet
				Async.yieldNow();
				return null;
			});
		}
		finally {
			reactor.core.publisher.Hooks.resetOnErrorDropped();
		}
		assertThat(delivered).isEmpty();
		assertThat(dropped).isEmpty();
	}

	/*
	 * Issue 11, item 3: a future whose loop closes must not strand its awaiters. A task of another loop awaiting
	 * it fails with IllegalStateException (PathologicalCoroutinesTest); a subscriber of toMono() used to wait
	 * forever, since nothing completes a future of a closed loop.
	 */
	@Test
	void aToMonoSubscriberFailsClearlyWhenTheFuturesLoopClosesWithTheFuturePending() throws Exception {
		Future<String> pending = loop.createFuture();
		CompletableFuture<Object> before = new CompletableFuture<>();
		pending.toMono().subscribe(before::complete, before::complete, () -> before.complete("empty"));
		Disposable cancelled = pending.toMono().subscribe(v -> before.complete("the cancelled one got " + v));
		cancelled.dispose();
		loop.close();
		assertThat(before.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class).asString()
				.contains("A subscriber of toMono() awaited Future[PENDING]", "which closed before completing it");
		// a subscriber that comes after the close fails at once
		StepVerifier.create(pending.toMono())
				.expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
						.hasMessageContaining("which closed before completing it"))
				.verify(Duration.ofSeconds(10));
		// a late outcome reaches whoever subscribes once it is there, and nobody twice
		pending.setResult("late");
		assertThat(pending.toMono().block(Duration.ofSeconds(10))).isEqualTo("late");
		assertThat(before.get()).isInstanceOf(IllegalStateException.class);
	}

	/*
	 * Issue 11, item 3, the other view: toCompletableFuture() follows toMono() and a task of another loop. When
	 * the future's loop closes with it pending, the view fails with the same IllegalStateException; a late
	 * completion does not reach it any more. asyncio does not deliver a late outcome either: the view of a
	 * closed loop's pending future stays pending for ever, and completing the future raises (3.11, 3.12, 3.13):
	 *
	 *   loop = asyncio.new_event_loop(); fut = loop.create_future(); started = threading.Event()
	 *   async def waiter():
	 *       started.set(); return await fut
	 *   t = threading.Thread(target=loop.run_forever); t.start()
	 *   view = asyncio.run_coroutine_threadsafe(waiter(), loop)   # a concurrent.futures view
	 *   started.wait(); loop.call_soon_threadsafe(loop.stop); t.join()
	 *   loop.close()
	 *   view.result(timeout=0.5)    # TimeoutError: stranded
	 *   fut.set_result("late")      # RuntimeError: Event loop is closed
	 *   view.result(timeout=0.5)    # TimeoutError: still stranded
	 *
	 * We fail the view at the close instead of stranding it, as the issue asks.
	 */
	@Test
	void aToCompletableFutureViewFailsClearlyWhenTheFuturesLoopClosesWithTheFuturePending() throws Exception {
		Future<String> pending = loop.createFuture();
		CompletableFuture<String> before = pending.toCompletableFuture();
		Future<String> done = loop.createFuture();
		CompletableFuture<String> ofDone = done.toCompletableFuture();
		done.setResult("in time");
		loop.close();
		assertThatThrownBy(() -> before.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("toCompletableFuture() awaited Future[PENDING]")
				.hasMessageContaining("which closed before completing it");
		assertThat(ofDone.get(10, TimeUnit.SECONDS)).isEqualTo("in time");
		// a view taken after the close fails at once
		CompletableFuture<String> after = pending.toCompletableFuture();
		assertThat(after.isCompletedExceptionally()).isTrue();
		assertThatThrownBy(after::join).cause().isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("which closed before completing it");
		// a late outcome reaches views taken once it is there, and changes none that failed
		pending.setResult("late");
		assertThat(pending.toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("late");
		assertThat(before.isCompletedExceptionally()).isTrue();
	}

	@Test
	void aToMonoSubscriberOfAFutureDoneBeforeItsLoopClosedGetsTheValue() throws Exception {
		Future<String> f = loop.createFuture();
		Mono<String> view = f.toMono();
		CompletableFuture<String> got = new CompletableFuture<>();
		view.subscribe(got::complete, got::completeExceptionally);
		loop.run(() -> {
			f.setResult("v");
			return null;
		});
		assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo("v");
		loop.close();
		StepVerifier.create(view).expectNext("v").verifyComplete();
	}

	@Test
	void toCompletableFutureCompletesAndCancelsBothWays() {
		Future<String> f = loop.createFuture();
		CompletableFuture<String> cf = f.toCompletableFuture();
		f.setResult("v");
		assertThat(cf.join()).isEqualTo("v");

		IOException boom = new IOException();
		Future<String> failed = loop.createFuture();
		CompletableFuture<String> cff = failed.toCompletableFuture();
		failed.setException(boom);
		assertThatThrownBy(cff::join).isInstanceOf(CompletionException.class).hasCause(boom);

		Future<String> g = loop.createFuture();
		g.toCompletableFuture().cancel(true);
		assertThat(g.isCancelled()).isTrue();
	}

	@Test
	void aFutureIsAwaitableFromAnotherLoop(@LoopPerTest.Another EventLoop other) throws Exception {
		try (other) {
			Future<String> f = other.createFuture();
			other.callLater(Duration.ofMillis(2), () -> f.setResult("cross-loop"));
			assertThat(loop.run(() -> Async.await(f))).isEqualTo("cross-loop");
		}
	}

	@Test
	void unretrievedExceptionIsReportedWhenTheFutureIsCollected() throws Exception {
		CompletableFuture<ExceptionContext> reported = new CompletableFuture<>();
		loop.setExceptionHandler(reported::complete);
		IOException boom = new IOException("nobody looked");
		failAndForget(boom);
		collectUntil(reported::isDone);
		assertThat(reported).isDone();
		assertThat(reported.join().exception()).isSameAs(boom);
		assertThat(reported.join().message()).isEqualTo("Future exception was never retrieved");
		assertThat(reported.join().taskName()).isNull();
	}

	@Test
	void retrievedExceptionIsNotReported() throws Exception {
		List<ExceptionContext> reported = new CopyOnWriteArrayList<>();
		loop.setExceptionHandler(reported::add);
		Future<String> f = loop.createFuture();
		IOException retrieved = new IOException("retrieved");
		f.setException(retrieved);
		f.exception();
		WeakReference<Future<String>> collected = new WeakReference<>(f);
		f = null;
		// a control future, never retrieved: once it is reported, the Cleaner has run for a collected future, so
		// the absence of the other report means something and is not just a GC that has not happened yet
		IOException control = new IOException("control");
		failAndForget(control);
		collectUntil(() -> collected.get() == null && !reported.isEmpty());
		loop.run(() -> null); // reports are delivered on the loop: let any pending one through
		assertThat(collected.get()).as("the retrieved future was collected").isNull();
		assertThat(reported).extracting(ExceptionContext::exception).containsExactly(control);
	}

	/**
	 * Runs the GC until {@code done} holds: a report of a never-retrieved exception needs the future collected and
	 * the JDK's Cleaner thread to run. Bounded (60 s) only so that a bug cannot hang the build: on a loaded machine a
	 * collection can take long, and that is no failure.
	 */
	private static void collectUntil(BooleanSupplier done) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!done.getAsBoolean() && System.nanoTime() < deadline) {
			System.gc();
			Thread.sleep(10);
		}
	}

	private void failAndForget(Throwable t) {
		Future<String> f = loop.createFuture();
		f.setException(t);
	}
}
