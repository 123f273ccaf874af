package dev.jobs;

/**
 * Why a job that failed will not be tried again.
 */
public enum FailureReason {

	/** Its retry policy's attempts are used up. */
	RETRIES_EXHAUSTED,

	/** It threw an exception its retry policy never retries, or {@link DiscardJob}. */
	NOT_RETRYABLE

}
