/** Measures how long a fresh JVM takes to its first HTTP response (issue 12 §5); see {@link FirstResponse}. */
@NullMarked
package io.github.reactorasyncio.examples.startup;

import org.jspecify.annotations.NullMarked;
