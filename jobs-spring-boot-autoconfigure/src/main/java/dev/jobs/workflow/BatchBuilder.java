package dev.jobs.workflow;

/**
 * What {@code jobs.batch(b -> ...)} is given to describe a batch: its jobs and its callbacks.
 * Nothing is enqueued until the lambda returns; then the batch's state is stored and its jobs
 * are published with one wait for all of their confirms.
 */
public interface BatchBuilder {

	/**
	 * Adds a job to the batch.
	 * @param job the job; its arguments must be complete
	 * @return this builder
	 */
	BatchBuilder add(Signature<?> job);

	/**
	 * The job to run once, when every job of the batch has succeeded; given the batch's
	 * {@link BatchSnapshot} as its first argument unless immutable.
	 * @param callback the callback
	 * @return this builder
	 */
	BatchBuilder onSuccess(Signature<?> callback);

	/**
	 * The job to run once, when every job of the batch has ended, whether it succeeded or failed;
	 * given the batch's {@link BatchSnapshot} as its first argument unless immutable.
	 * @param callback the callback
	 * @return this builder
	 */
	BatchBuilder onComplete(Signature<?> callback);

}
