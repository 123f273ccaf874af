package dev.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * Thrown from a task to put its job off for a while without counting an attempt (Oban's
 * snooze): the job is {@link JobStatus#DEFERRED} with the reason {@code snoozed} and runs
 * again, with the same attempt number, after the delay. Use it when the task finds it is too
 * early (the data it needs is not there yet, a window has not opened); use
 * {@link RetryJob#after} when the attempt failed and should count toward the retry policy.
 *
 * <pre>{@code
 * if (!export.isReady()) {
 *     throw SnoozeJob.of(Duration.ofMinutes(5));
 * }
 * }</pre>
 *
 * A job can be snoozed any number of times; give it an expiry
 * ({@link JobOptions#expiresIn(Duration)}) if it must not wait for ever.
 */
public final class SnoozeJob extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** How long to wait before the job is run again. */
	private final Duration delay;

	private SnoozeJob(Duration delay) {
		super("snoozed for " + delay, null, false, false);
		this.delay = delay;
	}

	/**
	 * Puts the job off for the given time.
	 * @param delay how long to wait; positive, at most {@link JobOptions#MAX_DELAY}
	 * @return the exception to throw
	 */
	public static SnoozeJob of(Duration delay) {
		Objects.requireNonNull(delay, "delay must not be null");
		if (delay.isNegative() || delay.isZero() || delay.compareTo(JobOptions.MAX_DELAY) > 0) {
			throw new IllegalArgumentException("a snooze must be positive and at most " + JobOptions.MAX_DELAY
					+ ", got " + delay);
		}
		return new SnoozeJob(delay);
	}

	/**
	 * How long the job is put off.
	 * @return the delay
	 */
	public Duration getDelay() {
		return this.delay;
	}

}
