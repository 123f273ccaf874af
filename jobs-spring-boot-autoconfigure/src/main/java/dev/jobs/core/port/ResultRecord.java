package dev.jobs.core.port;

import java.time.Instant;

import dev.jobs.JobError;
import dev.jobs.JobStatus;
import dev.jobs.core.envelope.JobEnvelope;
import tools.jackson.databind.JsonNode;

/**
 * A job's result record, as kept in the result store under the job id.
 *
 * @param id the job id
 * @param task the task name
 * @param queue the queue the job ran from
 * @param status the job's status
 * @param attempts how many attempts have started
 * @param enqueuedAt when the job was enqueued
 * @param startedAt when the latest attempt started, or {@code null}
 * @param finishedAt when the job reached a terminal status, or {@code null}
 * @param result the task's return value as JSON on success, otherwise {@code null}
 * @param error the latest error, or {@code null}
 * @param nextAttemptAt when the next attempt is due while {@code RETRYING}, otherwise {@code null}
 */
public record ResultRecord(String id, String task, String queue, JobStatus status, int attempts, Instant enqueuedAt,
		Instant startedAt, Instant finishedAt, JsonNode result, JobError error, Instant nextAttemptAt) {

	/**
	 * This record with another status and its end time, for a terminal status.
	 * @param status the new status
	 * @param at when the status was reached
	 * @param result the result, or {@code null}
	 * @param error the error, or {@code null}
	 * @return the new record
	 */
	public ResultRecord finish(JobStatus status, Instant at, JsonNode result, JobError error) {
		return new ResultRecord(this.id, this.task, this.queue, status, this.attempts, this.enqueuedAt, this.startedAt,
				status.isTerminal() ? at : null, result, error, null);
	}


	/**
	 * The record of a job in a status, before anything else is known of the attempt.
	 * @param job the job
	 * @param queue the queue it runs from
	 * @param status the status
	 * @return the record
	 */
	public static ResultRecord of(JobEnvelope job, String queue, JobStatus status) {
		return new ResultRecord(job.id(), job.task(), queue, status, job.attempt(), job.enqueuedAt(), null, null, null,
				null, null);
	}

	public ResultRecord attempts(int attempts) {
		return new ResultRecord(this.id, this.task, this.queue, this.status, attempts, this.enqueuedAt, this.startedAt,
				this.finishedAt, this.result, this.error, this.nextAttemptAt);
	}

	public ResultRecord startedAt(Instant startedAt) {
		return new ResultRecord(this.id, this.task, this.queue, this.status, this.attempts, this.enqueuedAt, startedAt,
				this.finishedAt, this.result, this.error, this.nextAttemptAt);
	}

	public ResultRecord finishedAt(Instant finishedAt) {
		return new ResultRecord(this.id, this.task, this.queue, this.status, this.attempts, this.enqueuedAt,
				this.startedAt, finishedAt, this.result, this.error, this.nextAttemptAt);
	}

	public ResultRecord result(JsonNode result) {
		return new ResultRecord(this.id, this.task, this.queue, this.status, this.attempts, this.enqueuedAt,
				this.startedAt, this.finishedAt, result, this.error, this.nextAttemptAt);
	}

	public ResultRecord error(JobError error) {
		return new ResultRecord(this.id, this.task, this.queue, this.status, this.attempts, this.enqueuedAt,
				this.startedAt, this.finishedAt, this.result, error, this.nextAttemptAt);
	}

	public ResultRecord nextAttemptAt(Instant nextAttemptAt) {
		return new ResultRecord(this.id, this.task, this.queue, this.status, this.attempts, this.enqueuedAt,
				this.startedAt, this.finishedAt, this.result, this.error, nextAttemptAt);
	}

}
