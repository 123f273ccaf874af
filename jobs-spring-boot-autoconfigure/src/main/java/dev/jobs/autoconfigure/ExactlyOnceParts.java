package dev.jobs.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.jobs.core.breaker.CircuitBreakerGuard;
import dev.jobs.core.cancel.CancelGuard;
import dev.jobs.core.cancel.CancelledJobs;
import dev.jobs.core.concurrency.ConcurrencyGuard;
import dev.jobs.core.crash.CrashGuard;
import dev.jobs.core.execution.JobGuard;
import dev.jobs.core.idempotency.IdempotencyGuard;
import dev.jobs.core.lease.LeaseKeeper;
import dev.jobs.core.lock.LockGuard;
import dev.jobs.core.lock.StoreJobLocks;
import dev.jobs.core.port.BreakerSettings;
import dev.jobs.core.port.CircuitBreakers;
import dev.jobs.core.port.ConcurrencyLimiter;
import dev.jobs.core.port.CrashCounter;
import dev.jobs.core.port.IdempotencyStore;
import dev.jobs.core.port.RateLimiter;
import dev.jobs.core.ratelimit.LocalRateLimiter;
import dev.jobs.core.ratelimit.RateLimitGuard;
import dev.jobs.core.unique.UniqueClaims;
import dev.jobs.core.unique.UniqueKeyGuard;

/**
 * What the worker's built-in guards are made of, and their order around the expiry guard:
 * unique keys first (so that an expired or cancelled job releases its key too), then cancels,
 * then expiry, then crashes (so that a cancelled or expired poison job ends as such, and a
 * poison job ends before it takes any claim), then
 * idempotency (so that a job whose key has a result ends with it, using no rate and waiting for
 * no lock), then locks and concurrency permits (both given back when a later guard defers the
 * job), and the rate limit last, since a slot it hands out cannot be given back.
 *
 * @param uniqueClaims the unique keys
 * @param idempotency the idempotency records
 * @param leases renews claims and locks
 * @param locks the locks
 * @param rateLimiter the global rate limits
 * @param concurrency the concurrency permits
 * @param cancelled the cancelled jobs, as this worker last read them
 * @param crashes the crash counts of redelivered jobs
 * @param breakers the circuit breakers of tasks
 */
record ExactlyOnceParts(UniqueClaims uniqueClaims, IdempotencyStore idempotency, LeaseKeeper leases,
		StoreJobLocks locks, RateLimiter rateLimiter, ConcurrencyLimiter concurrency, CancelledJobs cancelled,
		CrashCounter crashes, CircuitBreakers breakers) {

	List<JobGuard> guardsAround(JobGuard expiry, JobsSettings settings) {
		List<JobGuard> guards = new ArrayList<>(List.of(new UniqueKeyGuard(this.uniqueClaims),
				new CancelGuard(this.cancelled), expiry));
		Map<String, BreakerSettings> breakerSettings = settings.circuitBreakers();
		if (!breakerSettings.isEmpty()) {
			// Only where a task has a breaker: the others pay nothing, not even a lookup.
			guards.add(new CircuitBreakerGuard(this.breakers, breakerSettings));
		}
		guards.addAll(List.of(new CrashGuard(this.crashes, settings.crashLimit(), settings.resultTtl()),
				new IdempotencyGuard(this.idempotency, this.leases, settings.idempotencySettings()),
				new LockGuard(this.locks, settings.lockSettings()),
				new ConcurrencyGuard(this.concurrency, this.leases, settings.lockSettings().timeout(),
						settings.lockSettings().retryAfter()),
				new RateLimitGuard(this.rateLimiter, new LocalRateLimiter(), settings.queueRateLimits())));
		return guards;
	}

}
