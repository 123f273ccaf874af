package dev.jobs.core.port;

import java.time.Duration;
import java.util.Objects;

/**
 * A task's failure circuit breaker ({@code jobs.tasks.<task>.circuit-breaker.*}).
 *
 * @param failureRateThreshold the share of failed attempts, in percent (1 to 100), over the
 * sliding window at which the breaker opens
 * @param slidingWindow how many of the task's latest attempts the failure rate is taken over
 * @param minimumAttempts how many attempts the window must hold before the rate counts
 * @param openDuration how long the breaker stays open before probes may run
 * @param halfOpenProbes how many probe jobs run while it is half-open; all must succeed to close it
 */
public record BreakerSettings(int failureRateThreshold, int slidingWindow, int minimumAttempts,
		Duration openDuration, int halfOpenProbes) {

	/**
	 * Creates a {@code BreakerSettings}, checking its components.
	 * @param failureRateThreshold the failure rate in percent at which the breaker opens
	 * @param slidingWindow how many latest attempts the rate is taken over
	 * @param minimumAttempts how many attempts the window must hold before the rate counts
	 * @param openDuration how long the breaker stays open before probes may run
	 * @param halfOpenProbes how many probe jobs run while it is half-open
	 */
	public BreakerSettings {
		Objects.requireNonNull(openDuration, "openDuration");
		if (failureRateThreshold < 1 || failureRateThreshold > 100) {
			throw new IllegalArgumentException("failureRateThreshold must be 1 to 100, got " + failureRateThreshold);
		}
		if (slidingWindow < 1 || minimumAttempts < 1 || minimumAttempts > slidingWindow) {
			throw new IllegalArgumentException("minimumAttempts must be 1 to slidingWindow (" + slidingWindow
					+ "), got " + minimumAttempts);
		}
		if (halfOpenProbes < 1) {
			throw new IllegalArgumentException("halfOpenProbes must be at least 1, got " + halfOpenProbes);
		}
	}

}
