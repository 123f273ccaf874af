package dev.jobs.sample.job;

import java.time.Instant;

import dev.jobs.JobError;
import dev.jobs.JobSnapshot;
import dev.jobs.JobStatus;

/**
 * A job as {@code GET /api/jobs/{id}} shows it.
 *
 * @param id the job id
 * @param task the task name, or {@code null} while nothing is recorded for the job
 * @param status the job's status
 * @param attempts how many attempts have started
 * @param startedAt when the latest attempt started, or {@code null}
 * @param finishedAt when the job finished, or {@code null}
 * @param result the task's return value as JSON once it succeeded, otherwise {@code null}
 * @param error the error of the latest failed attempt, or {@code null}
 * @param nextAttemptAt when the next attempt is due while the job is
 * {@link JobStatus#RETRYING} or {@link JobStatus#DEFERRED}, otherwise {@code null}
 * @param reason why the job is {@link JobStatus#DEFERRED} or {@link JobStatus#SKIPPED}, otherwise
 * {@code null}
 * @param deduplicatedFrom the job whose result this one took over without running (same
 * idempotency key), otherwise {@code null}
 */
public record JobView(String id, String task, JobStatus status, int attempts, Instant startedAt, Instant finishedAt,
		Object result, JobError error, Instant nextAttemptAt, String reason, String deduplicatedFrom) {

	static JobView of(JobSnapshot<?> snapshot) {
		return new JobView(snapshot.id(), snapshot.task(), snapshot.status(), snapshot.attempts(), snapshot.startedAt(),
				snapshot.finishedAt(), snapshot.result(), snapshot.error(), snapshot.nextAttemptAt(), snapshot.reason(),
				snapshot.deduplicatedFrom());
	}

}
