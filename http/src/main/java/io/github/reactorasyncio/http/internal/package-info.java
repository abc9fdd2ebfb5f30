/** Machinery of the HTTP client that users never import: URL building, error translation, line splitting. */
@NullMarked
package io.github.reactorasyncio.http.internal;

import org.jspecify.annotations.NullMarked;
