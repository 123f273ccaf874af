package dev.jobs.core.port;

import java.time.Instant;

import dev.jobs.FailureReason;
import tools.jackson.databind.JsonNode;

/**
 * One message in the dead-letter queue, as an operator reads it. Fields the message does not
 * carry are {@code null}: a body that is not a job has no arguments, and a message the broker
 * dead-lettered after its delivery limit has no error.
 *
 * @param jobId the job id
 * @param task the task name
 * @param queue the job queue the job was dead-lettered from
 * @param args the job's arguments as JSON, one element per task parameter
 * @param attempts how many attempts ran
 * @param errorType class name of the final exception
 * @param errorMessage the final error's message, or what was wrong with the input
 * @param stackTrace a trimmed stack trace
 * @param firstFailedAt when the job first failed
 * @param lastFailedAt when the job was dead-lettered
 * @param reason why it was dead-lettered, or {@code null} for a reason this version does not
 * know
 * @param replays how many times an operator replayed the job before
 * @param original the id, correlation id, timestamp and application id of the message that was
 * dead-lettered, each {@code null} if it carried none
 * @param position where the entry was in the queue when the operation read it, 0 for the head
 */
public record DeadLetterEntry(String jobId, String task, String queue, JsonNode args, int attempts, String errorType,
		String errorMessage, String stackTrace, Instant firstFailedAt, Instant lastFailedAt, FailureReason reason,
		int replays, MessageAttributes original, int position) {

}
