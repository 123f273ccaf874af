package dev.jobs;

/**
 * Where a job is in its life, as its result record in Redis says.
 */
public enum JobStatus {

	/** Accepted by the broker, not yet started; also the answer for an id with no record. */
	PENDING(false),

	/** A worker is running it. */
	STARTED(false),

	/** Failed an attempt and waits for its next one. */
	RETRYING(false),

	/** Finished and returned its result. */
	SUCCESS(true),

	/** Failed for good; the error says why and the job is in the dead-letter queue. */
	FAILURE(true),

	/** Not run because it reached its expiry time before a worker took it. */
	EXPIRED(true);

	private final boolean terminal;

	JobStatus(boolean terminal) {
		this.terminal = terminal;
	}

	/**
	 * Whether the job will not change state again.
	 * @return {@code true} for {@link #SUCCESS}, {@link #FAILURE} and {@link #EXPIRED}
	 */
	public boolean isTerminal() {
		return this.terminal;
	}

}
