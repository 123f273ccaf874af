package dev.jobs.workflow;

import dev.jobs.JobFailedException;
import dev.jobs.JobStatus;

/**
 * Thrown by {@link WorkflowHandle#await} and {@link BatchHandle#await} when the workflow failed
 * for good, or its state expired before it ended.
 */
public class WorkflowFailedException extends JobFailedException {

	private static final long serialVersionUID = 1L;

	private final transient WorkflowFailure failure;

	/** Status the workflow ended with. */
	private final WorkflowStatus workflowStatus;

	/**
	 * Creates the exception.
	 * @param status the workflow's status
	 * @param failure what failed
	 */
	public WorkflowFailedException(WorkflowStatus status, WorkflowFailure failure) {
		super(failure.workflowId(), (status == WorkflowStatus.EXPIRED) ? JobStatus.EXPIRED : JobStatus.FAILURE,
				failure.error());
		this.failure = failure;
		this.workflowStatus = status;
	}

	/**
	 * What failed: the job, its task and its error.
	 * @return the failure
	 */
	public WorkflowFailure getFailure() {
		return this.failure;
	}

	/**
	 * How the workflow ended: {@link WorkflowStatus#FAILURE} or {@link WorkflowStatus#EXPIRED}.
	 * @return the status
	 */
	public WorkflowStatus getWorkflowStatus() {
		return this.workflowStatus;
	}

}
