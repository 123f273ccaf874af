package dev.jobs.workflow;

import dev.jobs.Progress;

/**
 * A workflow's state at one moment.
 *
 * @param id the workflow id
 * @param status its status
 * @param progress how many of its jobs have ended, of how many
 * @param failure why it failed, or {@code null} unless {@link WorkflowStatus#FAILURE}
 */
public record WorkflowSnapshot(String id, WorkflowStatus status, Progress progress, WorkflowFailure failure) {

}
