/**
 * The code samples of {@code docs/guide.md}. Each file marks the regions the guide shows with
 * {@code // tag::name[]} and {@code // end::name[]}; {@code GuideSamplesTest} checks that the guide's code
 * blocks are exactly these regions, and each sample has a test of what the guide says it does.
 */
@NullMarked
package io.github.reactorasyncio.examples.guide;

import org.jspecify.annotations.NullMarked;
