/**
 * Python asyncio's programming model on Project Reactor: an {@link io.github.reactorasyncio.EventLoop}
 * that is a Reactor {@link reactor.core.scheduler.Scheduler}, coroutines written as straight-line code
 * ({@link io.github.reactorasyncio.Coroutine}), and {@link io.github.reactorasyncio.Async#await(reactor.core.publisher.Mono)}
 * as the bridge to any {@code Mono}, {@link io.github.reactorasyncio.Awaitable} or {@code CompletionStage}.
 *
 * <h2>Cancellation rules</h2>
 * <ul>
 *   <li>{@link io.github.reactorasyncio.Task#cancel()} makes the await at which the task is suspended throw
 *   {@link io.github.reactorasyncio.CancelledError}, and cancels what it was awaiting (the Reactor
 *   subscription, the awaited {@code Future}/{@code Task}, or the {@code CompletableFuture}). It is an
 *   {@code Error}, so {@code catch (Exception e)} lets it pass, as Python's {@code except Exception} does;
 *   catch it by name to clean up, then re-throw it.</li>
 *   <li>A task cancelled before its first step never runs its body.</li>
 *   <li>A value that arrives after the await was cancelled is dropped: handed to Reactor's discard hook and,
 *   if it is {@link java.lang.AutoCloseable}, closed. Nothing resumes twice.</li>
 *   <li>{@link java.lang.Thread#interrupt()} of a suspended coroutine's thread is a cancel request for its task.</li>
 *   <li>Disposing a subscription to {@link io.github.reactorasyncio.Async#mono(Coroutine)} cancels its task;
 *   disposing a subscription to {@link io.github.reactorasyncio.Future#toMono()} does not (it is a hot view).</li>
 * </ul>
 */
@NullMarked
package io.github.reactorasyncio;

import org.jspecify.annotations.NullMarked;
