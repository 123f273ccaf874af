package dev.jobs.workflow;

/**
 * Where a workflow or a batch stands.
 */
public enum WorkflowStatus {

	/** Some of its jobs have not ended yet. */
	RUNNING,

	/** Every job succeeded (a batch: every job ended, see its counts); final. */
	SUCCESS,

	/** A job failed for good, or a chord's deadline passed; final. */
	FAILURE,

	/**
	 * Its state is gone: kept for {@code jobs.results.ttl} after its last change, or never
	 * submitted. Never read as running forever.
	 */
	EXPIRED;

	/**
	 * Whether this status is final.
	 * @return {@code true} for every status but {@link #RUNNING}
	 */
	public boolean isTerminal() {
		return this != RUNNING;
	}

}
