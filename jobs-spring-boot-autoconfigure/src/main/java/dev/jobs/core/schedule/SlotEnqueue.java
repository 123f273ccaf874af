package dev.jobs.core.schedule;

import java.time.Instant;

/**
 * Enqueues a schedule's job under an id chosen by the ticker, waiting for the broker's confirm.
 */
@FunctionalInterface
public interface SlotEnqueue {

	/**
	 * Enqueues the job.
	 * @param schedule the schedule
	 * @param jobId the job's id: derived from the slot, or new for a manual trigger
	 * @param at the slot, or the moment of the trigger: its expiry counts from here
	 * @throws dev.jobs.JobsException if the broker did not confirm it
	 */
	void enqueue(Schedule schedule, String jobId, Instant at);

}
