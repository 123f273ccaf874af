package dev.jobs.core.task;

import java.time.Duration;

import dev.jobs.OnLocked;

/**
 * What {@code jobs.tasks.<name>} says about one task's keys, overriding its annotation; each
 * field is {@code null} where configuration says nothing.
 *
 * @param idempotency {@code args} (key by the arguments), {@code none} (no key unless given at
 * enqueue), or a SpEL expression over the parameters
 * @param lock a SpEL expression naming the lock, or {@code none}
 * @param lockTimeout the lock's lease
 * @param onLocked what becomes of a job whose lock is held
 * @param rateLimit the rate, such as {@code 10/m}, or {@code none}
 * @param rateLimitBurst how many jobs may start at once after a quiet spell
 * @param rateLimitScope whose budget the rate is
 * @param rateLimitKey a SpEL expression giving each job's key its own budget
 * @param maxConcurrent how many jobs may run at once (0 for no cap)
 * @param concurrencyKey a SpEL expression giving each key its own cap
 * @param timeout how long one run may take
 * @param hardTimeout how long after its start a run that ignores its interrupt is abandoned
 */
public record TaskKeyOverrides(String idempotency, String lock, Duration lockTimeout, OnLocked onLocked,
		String rateLimit, Integer rateLimitBurst, RateLimitScope rateLimitScope, String rateLimitKey,
		Integer maxConcurrent, String concurrencyKey, Duration timeout, Duration hardTimeout) {

	/** Overrides nothing. */
	public static final TaskKeyOverrides NONE = new TaskKeyOverrides(null, null, null, null, null, null, null, null,
			null, null, null, null);

}
