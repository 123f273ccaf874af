package dev.jobs;

/**
 * Told when a job fails for good: its retries are used up or its error is not retryable. Define
 * one or more beans of this type to alert, compensate or clean up; they are called on the
 * worker after the job's dead letter is confirmed, once per failure (a worker crash at that
 * exact moment may repeat the call, as delivery is at-least-once).
 *
 * <p>A listener that throws is logged and does not change the job's fate.
 */
@FunctionalInterface
public interface JobFailureListener {

	/**
	 * Called once the job is in the dead-letter queue.
	 * @param failure what failed and why
	 */
	void onFailure(JobFailure failure);

}
