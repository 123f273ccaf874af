package dev.jobs;

import java.time.Instant;

/**
 * What is known of a job at one moment: its status, attempts, timestamps, and its result or
 * error once it has one.
 *
 * @param <T> the task's result type
 * @param id the job id
 * @param task the task name, or {@code null} while nothing is recorded for the job
 * @param status the job's status
 * @param attempts how many attempts have started
 * @param startedAt when the latest attempt started, or {@code null}
 * @param finishedAt when the job reached a terminal status, or {@code null}
 * @param result the task's return value on {@link JobStatus#SUCCESS}, otherwise {@code null}
 * @param error the error of the latest failed attempt, or {@code null}
 * @param nextAttemptAt when the next attempt is due while {@link JobStatus#RETRYING} or
 * {@link JobStatus#DEFERRED}, otherwise {@code null}
 * @param reason why the job is {@link JobStatus#DEFERRED} or {@link JobStatus#SKIPPED}, such as
 * {@code already_running}; otherwise {@code null}
 * @param deduplicatedFrom for a job that ended {@link JobStatus#SUCCESS} with the result of an
 * earlier job with its idempotency key, without running, that job's id; otherwise {@code null}
 */
public record JobSnapshot<T>(String id, String task, JobStatus status, int attempts, Instant startedAt,
		Instant finishedAt, T result, JobError error, Instant nextAttemptAt, String reason, String deduplicatedFrom) {

	/**
	 * The snapshot of a job that has no record, in the status that stands for none.
	 * @param id the job id
	 * @param status {@link JobStatus#UNKNOWN} for an id looked up, or {@link JobStatus#PENDING}
	 * for a job known to have been enqueued
	 * @param <T> the result type
	 * @return the snapshot, with nothing but the id and the status
	 */
	public static <T> JobSnapshot<T> unrecorded(String id, JobStatus status) {
		return new JobSnapshot<>(id, null, status, 0, null, null, null, null, null, null, null);
	}

}
