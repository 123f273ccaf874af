package dev.jobs.core.port;

import java.time.Instant;

import dev.jobs.FailureReason;

/**
 * A job that can never succeed as it is, on its way to the dead-letter queue with everything
 * an operator needs to understand and replay it. Built with {@link #of}, then completed with
 * the withers: {@code DeadLetter.of(body, reason, queue, now).job(id, task).attempts(2)
 * .error(type, message, stack)}.
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
 * @param original the original message's id, correlation id, timestamp and application id
 */
public record DeadLetter(byte[] body, FailureReason reason, String jobId, String task, String queue, int attempts,
		String errorType, String errorMessage, String stackTrace, Instant firstFailedAt, Instant failedAt,
		MessageAttributes original) {

	/**
	 * A dead letter of a message whose body says nothing yet: no job id or task, no attempt, an
	 * empty error, first failed when dead-lettered, and no original attributes.
	 * @param body the original message body
	 * @param reason why it is dead-lettered
	 * @param queue the job queue the message came from
	 * @param failedAt when it is dead-lettered
	 * @return the dead letter
	 */
	public static DeadLetter of(byte[] body, FailureReason reason, String queue, Instant failedAt) {
		return new DeadLetter(body, reason, null, null, queue, 0, null, "", null, failedAt, failedAt,
				MessageAttributes.none());
	}

	/**
	 * This dead letter for the given job.
	 * @param jobId the job id, or {@code null}
	 * @param task the task name, or {@code null}
	 * @return the new dead letter
	 */
	public DeadLetter job(String jobId, String task) {
		return new DeadLetter(this.body, this.reason, jobId, task, this.queue, this.attempts, this.errorType,
				this.errorMessage, this.stackTrace, this.firstFailedAt, this.failedAt, this.original);
	}

	/**
	 * This dead letter with another attempt count.
	 * @param attempts how many attempts ran
	 * @return the new dead letter
	 */
	public DeadLetter attempts(int attempts) {
		return new DeadLetter(this.body, this.reason, this.jobId, this.task, this.queue, attempts, this.errorType,
				this.errorMessage, this.stackTrace, this.firstFailedAt, this.failedAt, this.original);
	}

	/**
	 * This dead letter with the error that ended the job.
	 * @param errorType class name of the final exception, or {@code null}
	 * @param errorMessage the error message, or a description of the bad input
	 * @param stackTrace a trimmed stack trace, or {@code null}
	 * @return the new dead letter
	 */
	public DeadLetter error(String errorType, String errorMessage, String stackTrace) {
		return new DeadLetter(this.body, this.reason, this.jobId, this.task, this.queue, this.attempts, errorType,
				errorMessage, stackTrace, this.firstFailedAt, this.failedAt, this.original);
	}

	/**
	 * This dead letter with the time the job's first attempt failed.
	 * @param firstFailedAt when it first failed
	 * @return the new dead letter
	 */
	public DeadLetter firstFailedAt(Instant firstFailedAt) {
		return new DeadLetter(this.body, this.reason, this.jobId, this.task, this.queue, this.attempts, this.errorType,
				this.errorMessage, this.stackTrace, firstFailedAt, this.failedAt, this.original);
	}

	/**
	 * This dead letter with the original message's attributes.
	 * @param original the attributes of the message that failed
	 * @return the new dead letter
	 */
	public DeadLetter original(MessageAttributes original) {
		return new DeadLetter(this.body, this.reason, this.jobId, this.task, this.queue, this.attempts, this.errorType,
				this.errorMessage, this.stackTrace, this.firstFailedAt, this.failedAt, original);
	}

}
