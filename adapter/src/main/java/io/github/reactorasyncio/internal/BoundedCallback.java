package io.github.reactorasyncio.internal;

/**
 * A callback of the loop's own whose depth is small and known (it only schedules a task's wake-up), so that a
 * suspending task may run it under its own frames, inside the stack {@link StackReserve} made sure of, rather than
 * hand the baton to another worker for it. Every other callback may be user code of any depth, and runs on a
 * worker with a shallow stack.
 */
interface BoundedCallback extends Runnable {
}
