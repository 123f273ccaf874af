package dev.jobs.core.port;

import java.time.Duration;

/**
 * Permits to run, at most a given number per budget at once across every instance, each held
 * with an owner token and a lease that runs out if its worker dies. Each method is one atomic
 * operation and throws if the store cannot be reached.
 */
public interface ConcurrencyLimiter {

	/**
	 * Takes a permit if one is free.
	 * @param budget the budget
	 * @param token the new owner's token
	 * @param max how many may run at once
	 * @param lease how long the permit lasts unless renewed
	 * @return {@code true} if the permit is this token's
	 */
	boolean acquire(String budget, String token, int max, Duration lease);

	/**
	 * Extends a permit.
	 * @param budget the budget
	 * @param token the owner's token
	 * @param lease the new lease, from now
	 * @return {@code false} if the permit was lost
	 */
	boolean renew(String budget, String token, Duration lease);

	/**
	 * Gives a permit back.
	 * @param budget the budget
	 * @param token the owner's token
	 */
	void release(String budget, String token);

}
