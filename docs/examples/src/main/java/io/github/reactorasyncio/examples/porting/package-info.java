/**
 * The code samples of {@code docs/porting-from-python.md}: asyncio and aiohttp programs written with
 * reactor-asyncio. Each region the page shows sits between {@code // tag::name[]} and {@code // end::name[]};
 * {@code GuideSamplesTest} checks the page shows exactly them, and {@code PortingTest} runs each one.
 */
@NullMarked
package io.github.reactorasyncio.examples.porting;

import org.jspecify.annotations.NullMarked;
