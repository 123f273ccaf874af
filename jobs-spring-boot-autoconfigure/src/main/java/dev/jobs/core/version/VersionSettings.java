package dev.jobs.core.version;

import java.time.Duration;
import java.util.Objects;

/**
 * How workers treat jobs written for other versions of a task's signature
 * ({@code jobs.versions.*}).
 *
 * @param window how many versions below a task's current one must still upcast to it, or
 * {@code 0} for every version from 1
 * @param deferDelay how long a job of a newer version than this worker knows waits before a
 * worker looks at it again
 * @param maxWait how long after its enqueue a job of a newer version may keep waiting before it
 * is dead-lettered ({@code VERSION_UNKNOWN})
 */
public record VersionSettings(int window, Duration deferDelay, Duration maxWait) {

	/** Every version from 1 upcasts; a newer job is looked at every 30 seconds, for up to an hour. */
	public static final VersionSettings DEFAULTS = new VersionSettings(0, Duration.ofSeconds(30),
			Duration.ofHours(1));

	/**
	 * Creates a {@code VersionSettings}, checking its components.
	 * @param window how many versions below a task's current one must still upcast to it, or
	 * {@code 0} for every version from 1
	 * @param deferDelay how long a job of a newer version waits before a worker looks at it again
	 * @param maxWait how long after its enqueue a job of a newer version may keep waiting
	 */
	public VersionSettings {
		Objects.requireNonNull(deferDelay, "deferDelay");
		Objects.requireNonNull(maxWait, "maxWait");
		if (window < 0) {
			throw new IllegalArgumentException("window must be 0 (every version) or more, got " + window);
		}
		if (deferDelay.isNegative() || deferDelay.isZero()) {
			throw new IllegalArgumentException("deferDelay must be positive, got " + deferDelay);
		}
	}

	/**
	 * The oldest version of a task that must upcast to its current one.
	 * @param current the task's current version
	 * @return the oldest version, from 1
	 */
	public int oldestKept(int current) {
		return (this.window == 0) ? 1 : Math.max(1, current - this.window);
	}

}
