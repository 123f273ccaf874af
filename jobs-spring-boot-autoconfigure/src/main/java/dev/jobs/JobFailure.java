package dev.jobs;

import java.time.Instant;

/**
 * A job that failed for good, as a {@link JobFailureListener} is told of it.
 *
 * @param jobId the job id
 * @param task the task name
 * @param queue the job queue
 * @param attempts how many attempts ran
 * @param error the last attempt's error
 * @param reason why it will not be retried
 * @param failedAt when it failed for good
 */
public record JobFailure(String jobId, String task, String queue, int attempts, JobError error, FailureReason reason,
		Instant failedAt) {

}
