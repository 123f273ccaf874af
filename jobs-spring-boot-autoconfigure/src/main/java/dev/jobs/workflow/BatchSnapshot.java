package dev.jobs.workflow;

/**
 * A batch's counts at one moment; also what its callbacks are given as their first argument.
 *
 * @param id the batch id
 * @param status {@link WorkflowStatus#RUNNING} until every job has ended, then
 * {@link WorkflowStatus#SUCCESS} if all succeeded and {@link WorkflowStatus#FAILURE} if any
 * failed; {@link WorkflowStatus#EXPIRED} once its state is gone
 * @param total how many jobs the batch has had, counting those added by its jobs
 * @param pending how many have not ended
 * @param succeeded how many succeeded
 * @param failed how many failed for good
 */
public record BatchSnapshot(String id, WorkflowStatus status, long total, long pending, long succeeded,
		long failed) {

}
