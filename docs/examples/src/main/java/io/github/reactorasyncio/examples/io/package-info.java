/**
 * The I/O samples of {@code docs/guide.md}: WebSockets, server-sent events, subprocesses and streams. As in
 * the {@code guide} package, the guide shows the regions between {@code // tag::name[]} and
 * {@code // end::name[]}, and each sample has a test against a real peer on loopback.
 */
@NullMarked
package io.github.reactorasyncio.examples.io;

import org.jspecify.annotations.NullMarked;
