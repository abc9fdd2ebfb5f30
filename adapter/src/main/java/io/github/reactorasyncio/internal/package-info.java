/**
 * Machinery behind {@link io.github.reactorasyncio}: the loop's baton-passing scheduler, futures, tasks
 * and awaiters. Not an API: users never import from here, and it changes without notice.
 *
 * <p>What goes where, for every module of the project (this is the one place the rule is written):
 * <ul>
 *   <li>The public package ({@code io.github.reactorasyncio}, {@code ...http}, {@code ...spring}, and
 *       {@code ...metrics}) holds what a user names: interfaces, small final classes with static factories,
 *       enums, exceptions, and the facades ({@code Async}, {@code ClientSession}). Each public type and method
 *       is in the module's API file and its javadoc.</li>
 *   <li>An {@code internal} package holds how it works: implementations of the public interfaces, state
 *       machines, queues, Reactor and Netty glue. Its types may be {@code public} so that the public package can
 *       reach them, but the module's {@code module-info.java} does not export it, so no other module can; an
 *       export qualified with a sibling module's name is the only exception, and none is needed today.</li>
 *   <li>A public interface whose implementation lives here ({@code EventLoop}, {@code Future}, {@code Task}) is
 *       {@code sealed} and permits only that implementation (for {@code EventLoop}, the abstract
 *       {@code EventLoopApi}, which permits only {@code EventLoopImpl}), so a cast from the interface to it
 *       cannot fail.</li>
 *   <li>No public mutable field, here or in a public package: state is reached through methods.</li>
 * </ul>
 */
@NullMarked
package io.github.reactorasyncio.internal;

import org.jspecify.annotations.NullMarked;
