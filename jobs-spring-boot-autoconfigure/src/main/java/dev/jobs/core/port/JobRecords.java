package dev.jobs.core.port;

import java.util.List;

import dev.jobs.core.envelope.JobEnvelope;

/**
 * Gives every job a record from the moment the broker confirms it: the {@code PENDING} record,
 * the start of the job's read model, which the worker's records then replace. Told by the front
 * door of each confirmed enqueue and by the dead-letter queue of each confirmed replay.
 *
 * <p>Calls come on the threads that enqueue, and on the broker client's confirm threads, so an
 * implementation must return at once and must not throw: it writes in batches off the caller's
 * thread, and a record it cannot write (its store unreachable, or too many waiting) is dropped.
 * The record is best-effort: an enqueue never waits for it, never fails or slows down for it.
 */
@FunctionalInterface
public interface JobRecords {

	/** Records nothing, for applications whose result store keeps no records from enqueue. */
	JobRecords NONE = (jobs) -> {
	};

	/**
	 * Records jobs the broker has just confirmed as {@code PENDING}, each in the run its envelope
	 * carries, unless a record of the same or a later run is stored already (the worker may have
	 * written one first).
	 * @param jobs the confirmed envelopes
	 */
	void pending(List<JobEnvelope> jobs);

}
