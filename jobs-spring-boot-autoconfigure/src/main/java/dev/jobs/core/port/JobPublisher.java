package dev.jobs.core.port;

import java.util.List;
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

	/**
	 * Publishes many jobs, each confirmed on its own; an adapter may send them together.
	 * @param envelopes the jobs
	 * @return one confirmation per job, in order
	 * @throws dev.jobs.JobsUnavailableException if the broker cannot be reached at all
	 */
	default List<CompletableFuture<Void>> publishAll(List<JobEnvelope> envelopes) {
		return envelopes.stream().map(this::publish).toList();
	}

}
