/**
 * Machinery behind {@link io.github.reactorasyncio}: the loop's baton-passing scheduler, futures, tasks
 * and awaiters. Not an API: users never import from here, and it changes without notice.
 */
@NullMarked
package io.github.reactorasyncio.internal;

import org.jspecify.annotations.NullMarked;
