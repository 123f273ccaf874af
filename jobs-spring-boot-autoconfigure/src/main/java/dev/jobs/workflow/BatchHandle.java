package dev.jobs.workflow;

import java.time.Duration;

import dev.jobs.JobAwaitTimeoutException;

/**
 * A reference to a batch, good in any instance.
 */
public interface BatchHandle {

	/**
	 * The batch id.
	 * @return the id
	 */
	String id();

	/**
	 * The batch's counts now.
	 * @return a snapshot
	 */
	BatchSnapshot snapshot();

	/**
	 * Waits, without polling, until every job of the batch has ended, including the jobs its jobs
	 * added.
	 * @param timeout how long to wait at most
	 * @return the final counts
	 * @throws WorkflowFailedException if the batch's state expired before it ended
	 * @throws JobAwaitTimeoutException if it has not ended within the timeout
	 */
	BatchSnapshot await(Duration timeout);

}
