/** Example programs; each is compiled and tested in the build. */
@NullMarked
package io.github.reactorasyncio.examples;

import org.jspecify.annotations.NullMarked;
