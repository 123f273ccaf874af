package dev.jobs;

/**
 * Where a job is in its life, as its result record in Redis says.
 */
public enum JobStatus {

	/**
	 * No record of the job: an id that was never enqueued, or whose record's time to live ran
	 * out, or (briefly, or for good if Redis was unreachable then) a job whose {@link #PENDING}
	 * record has not been written yet, since it is written after the enqueue returns.
	 */
	UNKNOWN(false),

	/** Accepted by the broker, not yet started (or started less than {@code jobs.results.started-after} ago). */
	PENDING(false),

	/** A worker is running it. */
	STARTED(false),

	/** Failed an attempt and waits for its next one. */
	RETRYING(false),

	/**
	 * Waits to be tried again without having used an attempt: its lock or its idempotency key
	 * was held by another job (see {@code docs/exactly-once.md}). {@code nextAttemptAt} says when.
	 */
	DEFERRED(false),

	/** Finished and returned its result. */
	SUCCESS(true),

	/** Failed for good; the error says why and the job is in the dead-letter queue. */
	FAILURE(true),

	/** Not run because it reached its expiry time before a worker took it. */
	EXPIRED(true),

	/**
	 * Not run, on purpose: another job held its lock and the task says
	 * {@link OnLocked#SKIP}. The record's {@code reason} says why.
	 */
	SKIPPED(true),

	/**
	 * Cancelled ({@code jobs.cancel(id)}): not run if it had not started, interrupted if it was
	 * running. No attempt more is made.
	 */
	CANCELLED(true);

	private final boolean terminal;

	JobStatus(boolean terminal) {
		this.terminal = terminal;
	}

	/**
	 * Whether the job will not change state again.
	 * @return {@code true} for {@link #SUCCESS}, {@link #FAILURE}, {@link #EXPIRED}, {@link #SKIPPED}
	 * and {@link #CANCELLED}
	 */
	public boolean isTerminal() {
		return this.terminal;
	}

}
