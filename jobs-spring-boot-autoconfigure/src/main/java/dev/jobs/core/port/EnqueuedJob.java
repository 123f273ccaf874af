package dev.jobs.core.port;

import java.time.Instant;

import dev.jobs.core.envelope.JobEnvelope;

/**
 * A job the broker has confirmed, as {@link JobObserver}s are told of it.
 *
 * @param jobId the job id
 * @param task the task name
 * @param queue the job queue it was published to
 * @param dueAt when it is due, or {@code null} for as soon as possible
 */
public record EnqueuedJob(String jobId, String task, String queue, Instant dueAt) {

	/**
	 * The observers' view of a confirmed envelope.
	 * @param envelope the job
	 * @return the enqueued job
	 */
	public static EnqueuedJob of(JobEnvelope envelope) {
		return new EnqueuedJob(envelope.id(), envelope.task(), envelope.queue(), envelope.eta());
	}

}
