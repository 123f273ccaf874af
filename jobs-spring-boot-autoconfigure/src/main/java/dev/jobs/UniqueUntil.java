package dev.jobs;

/**
 * Until when a job's {@linkplain JobOptions#uniqueKey(String) unique key} keeps other enqueues
 * with the same key from making a new job.
 */
public enum UniqueUntil {

	/** Until a worker starts the job: a new job may be enqueued while it runs. */
	STARTED,

	/**
	 * Until the job ends ({@code SUCCESS}, {@code FAILURE}, {@code EXPIRED}, {@code SKIPPED}):
	 * its retries hold the key too.
	 */
	FINISHED

}
