package dev.jobs.core.idempotency;

import java.time.Duration;

/**
 * How idempotency keys behave ({@code jobs.idempotency.*}).
 *
 * @param ttl how long a succeeded key's result is kept, and so how long later jobs with the key
 * end with it instead of running
 * @param lease how long a running job's claim lasts if its worker dies; renewed every third of
 * it while the job runs
 * @param retryAfter how long a job waits, deferred, before asking again while another job with
 * its key runs
 */
public record IdempotencySettings(Duration ttl, Duration lease, Duration retryAfter) {

	/** The defaults: results kept 24 hours, a 30-second lease, asking again after a second. */
	public static final IdempotencySettings DEFAULTS = new IdempotencySettings(Duration.ofHours(24),
			Duration.ofSeconds(30), Duration.ofSeconds(1));

}
