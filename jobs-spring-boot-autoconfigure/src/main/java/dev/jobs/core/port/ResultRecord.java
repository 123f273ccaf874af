package dev.jobs.core.port;

import java.time.Instant;

import dev.jobs.JobError;
import dev.jobs.JobStatus;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.Membership;
import dev.jobs.core.envelope.TraceContext;
import tools.jackson.databind.JsonNode;

/**
 * A job's record, as kept in the result store under the job id. Built from the envelope it
 * describes with {@link #of}, then completed with the withers:
 * {@code ResultRecord.of(job, queue, SUCCESS).startedAt(start).finishedAt(now).result(value)}.
 *
 * @param id the job id
 * @param task the task name
 * @param queue the queue the job was enqueued to or ran from
 * @param status the job's status
 * @param run which run of the job this record belongs to: 1, then one more for every replay from
 * the dead-letter queue; a record of a higher run replaces any record of a lower one
 * @param attempts how many attempts of this run have started
 * @param enqueuedAt when the job was enqueued
 * @param dueAt when the message this record describes was due (a delay, or a retry's backoff),
 * or {@code null} for at once
 * @param startedAt when the latest attempt started, or {@code null}
 * @param finishedAt when the job reached a terminal status, or {@code null}
 * @param result the task's return value as JSON on success, otherwise {@code null}
 * @param error the latest error, or {@code null}
 * @param nextAttemptAt when the next attempt is due while {@code RETRYING} or {@code DEFERRED},
 * otherwise {@code null}
 * @param reason why the job was deferred or skipped ({@code already_running},
 * {@code idempotency_key_in_use}), otherwise {@code null}
 * @param deduplicatedFrom for a job that ended {@code SUCCESS} without running because another
 * job with its idempotency key had succeeded, that job's id; otherwise {@code null}
 * @param membership the workflow step or batch the job belongs to, as its message says;
 * {@link Membership#NONE} for a job on its own
 * @param traceId the id of the trace the job's enqueue belonged to ({@link TraceContext#traceId()}),
 * or {@code null} when it was enqueued outside any
 */
public record ResultRecord(String id, String task, String queue, JobStatus status, int run, int attempts,
		Instant enqueuedAt, Instant dueAt, Instant startedAt, Instant finishedAt, JsonNode result, JobError error,
		Instant nextAttemptAt, String reason, String deduplicatedFrom, Membership membership, String traceId) {

	/**
	 * Creates a {@code ResultRecord}; a {@code null} membership is {@link Membership#NONE}.
	 * @param id the job id
	 * @param task the task name
	 * @param queue the queue the job was enqueued to or ran from
	 * @param status the job's status
	 * @param run which run of the job this record belongs to
	 * @param attempts how many attempts of this run have started
	 * @param enqueuedAt when the job was enqueued
	 * @param dueAt when the message this record describes was due, or {@code null}
	 * @param startedAt when the latest attempt started, or {@code null}
	 * @param finishedAt when the job reached a terminal status, or {@code null}
	 * @param result the task's return value as JSON on success, otherwise {@code null}
	 * @param error the latest error, or {@code null}
	 * @param nextAttemptAt when the next attempt is due, or {@code null}
	 * @param reason why the job was deferred or skipped, or {@code null}
	 * @param deduplicatedFrom the job whose result this record took over, or {@code null}
	 * @param membership the workflow step or batch the job belongs to
	 * @param traceId the id of the trace the job's enqueue belonged to, or {@code null}
	 */
	public ResultRecord {
		membership = (membership != null) ? membership : Membership.NONE;
	}

	/**
	 * The record of a job in the given status, with what its envelope says: the run (its replays
	 * plus one), the attempt, the enqueue time and the due time. Nothing else is set.
	 * @param job the job's envelope
	 * @param queue the queue it is in or ran from
	 * @param status the status
	 * @return the record
	 */
	public static ResultRecord of(JobEnvelope job, String queue, JobStatus status) {
		return new ResultRecord(job.id(), job.task(), queue, status, job.replays() + 1, job.attempt(),
				job.enqueuedAt(), job.eta(), null, null, null, null, null, null, null, job.keys().membership(),
				job.trace().traceId());
	}

	/**
	 * This record with another attempt count.
	 * @param attempts how many attempts have started
	 * @return the new record
	 */
	public ResultRecord attempts(int attempts) {
		return new ResultRecord(this.id, this.task, this.queue, this.status, this.run, attempts, this.enqueuedAt,
				this.dueAt, this.startedAt, this.finishedAt, this.result, this.error, this.nextAttemptAt,
				this.reason, this.deduplicatedFrom, this.membership, this.traceId);
	}

	/**
	 * This record with the start of the latest attempt.
	 * @param startedAt when it started, or {@code null}
	 * @return the new record
	 */
	public ResultRecord startedAt(Instant startedAt) {
		return new ResultRecord(this.id, this.task, this.queue, this.status, this.run, this.attempts, this.enqueuedAt,
				this.dueAt, startedAt, this.finishedAt, this.result, this.error, this.nextAttemptAt,
				this.reason, this.deduplicatedFrom, this.membership, this.traceId);
	}

	/**
	 * This record with the moment the job reached its terminal status.
	 * @param finishedAt when it finished, or {@code null}
	 * @return the new record
	 */
	public ResultRecord finishedAt(Instant finishedAt) {
		return new ResultRecord(this.id, this.task, this.queue, this.status, this.run, this.attempts, this.enqueuedAt,
				this.dueAt, this.startedAt, finishedAt, this.result, this.error, this.nextAttemptAt,
				this.reason, this.deduplicatedFrom, this.membership, this.traceId);
	}

	/**
	 * This record with the task's return value.
	 * @param result the value as JSON, or {@code null}
	 * @return the new record
	 */
	public ResultRecord result(JsonNode result) {
		return new ResultRecord(this.id, this.task, this.queue, this.status, this.run, this.attempts, this.enqueuedAt,
				this.dueAt, this.startedAt, this.finishedAt, result, this.error, this.nextAttemptAt,
				this.reason, this.deduplicatedFrom, this.membership, this.traceId);
	}

	/**
	 * This record with an error.
	 * @param error the error, or {@code null}
	 * @return the new record
	 */
	public ResultRecord error(JobError error) {
		return new ResultRecord(this.id, this.task, this.queue, this.status, this.run, this.attempts, this.enqueuedAt,
				this.dueAt, this.startedAt, this.finishedAt, this.result, error, this.nextAttemptAt,
				this.reason, this.deduplicatedFrom, this.membership, this.traceId);
	}

	/**
	 * This record with the due time of the next attempt.
	 * @param nextAttemptAt when the next attempt is due, or {@code null}
	 * @return the new record
	 */
	public ResultRecord nextAttemptAt(Instant nextAttemptAt) {
		return new ResultRecord(this.id, this.task, this.queue, this.status, this.run, this.attempts, this.enqueuedAt,
				this.dueAt, this.startedAt, this.finishedAt, this.result, this.error, nextAttemptAt,
				this.reason, this.deduplicatedFrom, this.membership, this.traceId);
	}

	/**
	 * This record with the reason it was deferred or skipped.
	 * @param reason a short snake-case reason, or {@code null}
	 * @return the new record
	 */
	public ResultRecord reason(String reason) {
		return new ResultRecord(this.id, this.task, this.queue, this.status, this.run, this.attempts, this.enqueuedAt,
				this.dueAt, this.startedAt, this.finishedAt, this.result, this.error, this.nextAttemptAt, reason,
				this.deduplicatedFrom, this.membership, this.traceId);
	}

	/**
	 * This record with the job whose result it took over.
	 * @param jobId the id of the job that ran, or {@code null}
	 * @return the new record
	 */
	public ResultRecord deduplicatedFrom(String jobId) {
		return new ResultRecord(this.id, this.task, this.queue, this.status, this.run, this.attempts, this.enqueuedAt,
				this.dueAt, this.startedAt, this.finishedAt, this.result, this.error, this.nextAttemptAt, this.reason,
				jobId, this.membership, this.traceId);
	}

}
