package dev.jobs;

import java.time.Instant;

/**
 * What is known of a job at one moment: its status, attempts, timestamps, and its result or
 * error once it has one.
 *
 * @param <T> the task's result type
 * @param id the job id
 * @param task the task name, or {@code null} while the job is {@link JobStatus#PENDING}
 * @param status the job's status
 * @param attempts how many attempts have started
 * @param startedAt when the latest attempt started, or {@code null}
 * @param finishedAt when the job reached a terminal status, or {@code null}
 * @param result the task's return value on {@link JobStatus#SUCCESS}, otherwise {@code null}
 * @param error the error of the latest failed attempt, or {@code null}
 * @param nextAttemptAt when the next attempt is due while {@link JobStatus#RETRYING}, otherwise
 * {@code null}
 */
public record JobSnapshot<T>(String id, String task, JobStatus status, int attempts, Instant startedAt,
		Instant finishedAt, T result, JobError error, Instant nextAttemptAt) {

	/**
	 * The snapshot of a job nothing has been recorded for yet.
	 * @param id the job id
	 * @param <T> the result type
	 * @return a {@link JobStatus#PENDING} snapshot
	 */
	public static <T> JobSnapshot<T> pending(String id) {
		return new JobSnapshot<>(id, null, JobStatus.PENDING, 0, null, null, null, null, null);
	}

}
