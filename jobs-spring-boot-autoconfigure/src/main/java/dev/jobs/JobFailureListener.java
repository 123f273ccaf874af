package dev.jobs;

/**
 * Told when a job's task fails for good: its retries are used up, its error is not retryable,
 * or its result cannot be written ({@link FailureReason#isTaskFailure()}). Define one or more
 * beans of this type to alert, compensate or clean up; they are called on the worker thread
 * after the job's dead letter is confirmed and its {@code FAILURE} record is stored, once per
 * failure (a worker crash at that exact moment may repeat the call, as delivery is
 * at-least-once).
 *
 * <p>Whatever a listener throws, an {@link Error} included, is logged and does not change the
 * job's fate: the job does not run again.
 */
@FunctionalInterface
public interface JobFailureListener {

	/**
	 * Called once the job is in the dead-letter queue and its failure is stored.
	 * @param failure what failed and why
	 */
	void onFailure(JobFailure failure);

}
