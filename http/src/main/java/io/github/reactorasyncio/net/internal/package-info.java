/** Machinery of the TCP streams; users never import it. */
@NullMarked
package io.github.reactorasyncio.net.internal;

import org.jspecify.annotations.NullMarked;
