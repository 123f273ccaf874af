package dev.jobs.core.lock;

import java.time.Duration;

/**
 * How task locks behave ({@code jobs.locks.*}).
 *
 * @param timeout the lease of a task's lock unless the task gives its own
 * ({@code lock-timeout}): how long the lock outlives a worker that died holding it
 * @param retryAfter how long a job whose lock is held waits, deferred, before trying again
 * ({@code on-locked: retry})
 */
public record LockSettings(Duration timeout, Duration retryAfter) {

	/** The defaults: a 60-second lease, trying again after 5 seconds. */
	public static final LockSettings DEFAULTS = new LockSettings(Duration.ofSeconds(60), Duration.ofSeconds(5));

}
