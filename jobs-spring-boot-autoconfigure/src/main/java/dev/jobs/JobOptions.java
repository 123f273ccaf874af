package dev.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How one job should be enqueued, beyond its task and arguments. Immutable: each method
 * returns a new value, so a value can be kept in a constant and shared.
 *
 * <pre>{@code
 * jobs.with(JobOptions.defaults().queue("critical").expiresIn(Duration.ofMinutes(5)))
 *     .enqueue(WebhookTasks::send, url, payload);
 * }</pre>
 */
public final class JobOptions {

	private static final JobOptions DEFAULTS = new JobOptions(null, null, null);

	private final String queue;

	private final Duration expiresIn;

	private final Instant expiresAt;

	private JobOptions(String queue, Duration expiresIn, Instant expiresAt) {
		this.queue = queue;
		this.expiresIn = expiresIn;
		this.expiresAt = expiresAt;
	}

	/**
	 * Options that change nothing: the task's own queue, no expiry.
	 * @return the default options
	 */
	public static JobOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Publishes the job to this queue instead of the task's own. The queue must be one this
	 * application declares (see {@code jobs.queues}).
	 * @param queue the job queue name
	 * @return new options
	 */
	public JobOptions queue(String queue) {
		Objects.requireNonNull(queue, "queue must not be null");
		return new JobOptions(queue, this.expiresIn, this.expiresAt);
	}

	/**
	 * Drops the job, unrun, if no worker has started it within this time after enqueue. Its
	 * status becomes {@link JobStatus#EXPIRED}. Replaces any {@link #expiresAt(Instant)}.
	 * @param expiresIn a positive duration
	 * @return new options
	 */
	public JobOptions expiresIn(Duration expiresIn) {
		if (expiresIn == null || expiresIn.isNegative() || expiresIn.isZero()) {
			throw new IllegalArgumentException("expiresIn must be a positive duration, got " + expiresIn);
		}
		return new JobOptions(this.queue, expiresIn, null);
	}

	/**
	 * Drops the job, unrun, if no worker has started it by this instant. Its status becomes
	 * {@link JobStatus#EXPIRED}. Replaces any {@link #expiresIn(Duration)}.
	 * @param expiresAt the expiry instant
	 * @return new options
	 */
	public JobOptions expiresAt(Instant expiresAt) {
		Objects.requireNonNull(expiresAt, "expiresAt must not be null");
		return new JobOptions(this.queue, null, expiresAt);
	}

	/**
	 * The queue chosen for the job, or {@code null} for the task's own.
	 * @return the queue name or {@code null}
	 */
	public String queue() {
		return this.queue;
	}

	/**
	 * When the job expires if it is enqueued at the given instant.
	 * @param enqueuedAt the enqueue instant
	 * @return the expiry instant, or {@code null} if the job does not expire
	 */
	public Instant expiryFor(Instant enqueuedAt) {
		return (this.expiresIn != null) ? enqueuedAt.plus(this.expiresIn) : this.expiresAt;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof JobOptions that && Objects.equals(this.queue, that.queue)
				&& Objects.equals(this.expiresIn, that.expiresIn) && Objects.equals(this.expiresAt, that.expiresAt);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.queue, this.expiresIn, this.expiresAt);
	}

	@Override
	public String toString() {
		return "JobOptions[queue=" + this.queue + ", expiresIn=" + this.expiresIn + ", expiresAt=" + this.expiresAt
				+ "]";
	}

}
