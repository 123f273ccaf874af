package dev.jobs.workflow;

import dev.jobs.JobError;

/**
 * Why a workflow failed, as its error callbacks are given it (their first parameter, of this
 * type) and as {@link WorkflowFailedException} carries it.
 *
 * @param workflowId the workflow id
 * @param jobId the id of the job that failed for good, or {@code null} when a chord's deadline
 * passed
 * @param task that job's task, or {@code null}
 * @param error what went wrong
 */
public record WorkflowFailure(String workflowId, String jobId, String task, JobError error) {

}
