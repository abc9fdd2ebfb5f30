package io.github.reactorasyncio.spring;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code reactor-asyncio.*} configuration properties.
 *
 * <pre>{@code
 * reactor-asyncio.debug=true                   # log steps that hold the loop too long
 * reactor-asyncio.slow-callback-duration=50ms  # what "too long" means (default 100ms)
 * reactor-asyncio.loops=2                      # how many loops (default 0: one per core)
 * reactor-asyncio.default-group=false          # Async.mono/run without a loop: not on these loops
 * }</pre>
 *
 * <p>The component descriptions below are plain text because Boot copies them into the configuration
 * metadata that IDEs show.
 *
 * @param debug Whether the event loops run in debug mode, logging every step that holds a loop longer than
 *        slow-callback-duration.
 * @param slowCallbackDuration How long a step may hold a loop before debug mode reports it.
 * @param loops How many event loops the EventLoopGroup holds; 0 means one per available processor. Loops that are
 *        more than half the processors (as by default) do not spin on a hand-off between coroutines, so that each
 *        loop needs about one core (see EventLoopGroup).
 * @param defaultGroup Whether the EventLoopGroup becomes the default group while the context is open, so that
 *        Async.mono, Async.flux and Async.run written without a loop run on its loops.
 */
@ConfigurationProperties("reactor-asyncio")
public record ReactorAsyncioProperties(
		@DefaultValue("false") boolean debug,
		@DefaultValue("100ms") Duration slowCallbackDuration,
		@DefaultValue("0") int loops,
		@DefaultValue("true") boolean defaultGroup) {

	/**
	 * Checks the values, so that a typo fails at start-up with the property's name rather than later.
	 *
	 * @param debug whether the loops run in debug mode
	 * @param slowCallbackDuration the slow-step threshold; positive
	 * @param loops the number of loops; {@code 0} for one per processor, never negative
	 * @param defaultGroup whether the group becomes {@code Async}'s default group
	 * @throws IllegalArgumentException if a value is out of range
	 */
	public ReactorAsyncioProperties {
		Objects.requireNonNull(slowCallbackDuration, "slowCallbackDuration");
		if (slowCallbackDuration.isNegative() || slowCallbackDuration.isZero()) {
			throw new IllegalArgumentException("reactor-asyncio.slow-callback-duration must be positive, but was "
					+ slowCallbackDuration);
		}
		if (loops < 0) {
			throw new IllegalArgumentException("reactor-asyncio.loops must be 0 (one per processor) or more, but was "
					+ loops);
		}
	}

	/**
	 * The number of loops to create: {@link #loops()}, or the number of available processors when that is 0.
	 *
	 * @return at least 1
	 */
	public int effectiveLoops() {
		return loops == 0 ? Math.max(1, Runtime.getRuntime().availableProcessors()) : loops;
	}
}
