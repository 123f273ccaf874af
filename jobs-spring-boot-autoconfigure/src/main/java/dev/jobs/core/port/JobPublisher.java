package dev.jobs.core.port;

import java.util.concurrent.CompletableFuture;

import dev.jobs.core.envelope.JobEnvelope;

/**
 * Publishes jobs to the broker durably.
 */
public interface JobPublisher {

	/**
	 * Publishes a job to its queue as a persistent message.
	 * @param envelope the job
	 * @return a future that completes when the broker has confirmed the message, and fails
	 * with {@link dev.jobs.JobsUnavailableException} if the broker refused or returned it
	 * @throws dev.jobs.JobsUnavailableException if the broker cannot be reached at all
	 */
	CompletableFuture<Void> publish(JobEnvelope envelope);

}
