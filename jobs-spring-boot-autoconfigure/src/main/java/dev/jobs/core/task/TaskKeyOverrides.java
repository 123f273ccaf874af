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
 */
public record TaskKeyOverrides(String idempotency, String lock, Duration lockTimeout, OnLocked onLocked) {

	/** Overrides nothing. */
	public static final TaskKeyOverrides NONE = new TaskKeyOverrides(null, null, null, null);

}
