package dev.jobs.core.port;

import java.time.Duration;

/**
 * Hands out the start times of rate-limited jobs. Each call takes the next free slot of the
 * key's budget, now or later: a job that must wait has its slot reserved, so that when it comes
 * back it runs without asking again, and jobs that wait are served in the order they asked.
 * Atomic per key; throws if its store cannot be reached.
 */
@FunctionalInterface
public interface RateLimiter {

	/**
	 * Takes the next slot of a key's budget.
	 * @param key the budget's key
	 * @param interval the time between two jobs at the steady rate
	 * @param tolerance how far ahead of its steady-rate time a job may start (the burst)
	 * @return how long until the slot: {@link Duration#ZERO} to start now
	 */
	Duration reserve(String key, Duration interval, Duration tolerance);

}
