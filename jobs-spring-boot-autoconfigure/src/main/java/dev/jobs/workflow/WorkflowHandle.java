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

}
