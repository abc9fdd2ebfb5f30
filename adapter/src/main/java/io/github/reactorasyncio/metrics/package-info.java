/**
 * Micrometer meters for event loops: {@link io.github.reactorasyncio.metrics.EventLoopMetrics}. This package needs
 * {@code io.micrometer:micrometer-core} on the class path (an optional dependency of the adapter); nothing else in
 * the library refers to it, so without Micrometer it is never loaded.
 */
@NullMarked
package io.github.reactorasyncio.metrics;

import org.jspecify.annotations.NullMarked;
