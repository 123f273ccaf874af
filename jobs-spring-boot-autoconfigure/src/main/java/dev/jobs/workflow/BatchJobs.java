package dev.jobs.workflow;

/**
 * The batch of the running job, from {@code JobContext.current().batch()}: a job adds more jobs
 * to its own batch here, and the batch does not complete until they have ended too.
 */
public interface BatchJobs {

	/**
	 * The batch id.
	 * @return the id
	 */
	String id();

	/**
	 * Adds a job to the batch and enqueues it, waiting for the broker's confirm. The job's id is
	 * derived from the running job's id and the number of jobs it added before, so a run that is
	 * repeated (a retry, a redelivery) adding the same jobs in the same order adds each once.
	 * @param job the job; its arguments must be complete
	 * @return the new job's id
	 */
	String add(Signature<?> job);

}
