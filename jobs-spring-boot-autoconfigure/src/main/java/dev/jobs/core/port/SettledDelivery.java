package dev.jobs.core.port;

import java.time.Duration;

import dev.jobs.FailureReason;

/**
 * One delivery the worker has settled, as {@link JobObserver}s are told of it.
 *
 * @param queue the job queue it came from
 * @param jobId the job id, or {@code null} if the message could not be read
 * @param task the task name, or {@code null} if the message could not be read
 * @param kind how it ended
 * @param reason why it failed for good, for {@link OutcomeKind#FAILED} and
 * {@link OutcomeKind#REJECTED}; otherwise {@code null}
 * @param duration how long the task ran, or {@link Duration#ZERO} if it did not run
 */
public record SettledDelivery(String queue, String jobId, String task, OutcomeKind kind, FailureReason reason,
		Duration duration) {

}
