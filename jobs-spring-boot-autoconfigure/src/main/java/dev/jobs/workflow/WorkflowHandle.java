package dev.jobs.workflow;

import java.time.Duration;

import dev.jobs.JobAwaitTimeoutException;
import dev.jobs.Progress;

/**
 * A reference to a submitted workflow, good in any instance: it reads the workflow's state from
 * Redis and never holds the workflow itself.
 *
 * @param <T> what the workflow yields (for a group, the list of results)
 */
public interface WorkflowHandle<T> {

	/**
	 * The workflow id: also the id under which its final result is recorded, so
	 * {@code GET /actuator/jobs/{id}} shows it.
	 * @return the id
	 */
	String id();

	/**
	 * The workflow's state now.
	 * @return a snapshot
	 */
	WorkflowSnapshot snapshot();

	/**
	 * The workflow's status now.
	 * @return the status
	 */
	default WorkflowStatus status() {
		return snapshot().status();
	}

	/**
	 * How many of the workflow's jobs have ended, of how many it has.
	 * @return the progress
	 */
	default Progress progress() {
		return snapshot().progress();
	}

	/**
	 * Waits, without polling, for the workflow to end and returns what it yields. Returns at once
	 * when a job fails for good, without waiting for the rest.
	 * @param timeout how long to wait at most
	 * @return the result
	 * @throws WorkflowFailedException if the workflow failed or its state expired
	 * @throws JobAwaitTimeoutException if it has not ended within the timeout
	 */
	T await(Duration timeout);

	/**
	 * The id of the job one signature of the submitted workflow became, fixed at submission:
	 * pass it to {@code Jobs.handle} to follow that job alone (a payment among an order's jobs).
	 * @param step a signature, the very instance, that the submitted workflow holds once
	 * @return its job id
	 * @throws IllegalArgumentException if the workflow does not hold that signature, or holds it
	 * more than once
	 * @throws IllegalStateException if this handle was not returned by {@code submit}, which
	 * alone knows how the workflow was built
	 */
	String jobId(Signature<?> step);

}
