package dev.jobs.core.port;

import java.time.Instant;

import dev.jobs.FailureReason;

/**
 * A job that can never succeed as it is, on its way to the dead-letter queue with everything
 * an operator needs to understand and replay it.
 *
 * @param body the original message body, unchanged, so a replay sends exactly what failed
 * @param reason why it was dead-lettered
 * @param jobId the job id, or {@code null} if the body could not be read
 * @param task the task name, or {@code null} if unknown
 * @param queue the queue the message came from
 * @param attempts how many attempts ran
 * @param errorType class name of the final exception, or {@code null}
 * @param errorMessage the error message, or a description of the bad input
 * @param stackTrace a trimmed stack trace, or {@code null}
 * @param firstFailedAt when its first attempt failed
 * @param failedAt when it was dead-lettered
 */
public record DeadLetter(byte[] body, FailureReason reason, String jobId, String task, String queue, int attempts,
		String errorType, String errorMessage, String stackTrace, Instant firstFailedAt, Instant failedAt) {

}
