package dev.jobs.test.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.jobs.core.port.RateLimiter;

/**
 * Rate-limit budgets in a map, by the generic cell rate algorithm the Redis store runs
 * ({@code rate_limit.lua}), on the given clock instead of Redis's: with the test's virtual
 * clock, a rate-limited job waits {@code DEFERRED} until the test advances the clock to its
 * slot.
 */
public final class InMemoryRateLimiter implements RateLimiter {

	/** The theoretical arrival time of each budget's next job. */
	private final Map<String, Instant> arrivals = new ConcurrentHashMap<>();

	private final Clock clock;

	/**
	 * A limiter on the given clock.
	 * @param clock the clock budgets refill by
	 */
	public InMemoryRateLimiter(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Duration reserve(String key, Duration interval, Duration tolerance) {
		Instant now = this.clock.instant();
		Instant[] startAt = new Instant[1];
		this.arrivals.compute(key, (name, stored) -> {
			Instant arrival = (stored == null || stored.isBefore(now)) ? now : stored;
			startAt[0] = arrival.minus(tolerance);
			return arrival.plus(interval);
		});
		return startAt[0].isAfter(now) ? Duration.between(now, startAt[0]) : Duration.ZERO;
	}

	/**
	 * Forgets everything, as between two tests.
	 */
	public void clear() {
		this.arrivals.clear();
	}

}
