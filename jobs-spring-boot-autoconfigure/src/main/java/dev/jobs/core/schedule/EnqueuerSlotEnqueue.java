package dev.jobs.core.schedule;

import java.time.Instant;

import dev.jobs.JobOptions;
import dev.jobs.core.client.JobEnqueuer;

/**
 * Enqueues schedules' jobs through the application's own front door, so they are published,
 * confirmed and recorded ({@code PENDING}) like every other job.
 */
public final class EnqueuerSlotEnqueue implements SlotEnqueue {

	private final JobEnqueuer enqueuer;

	/**
	 * Enqueues through this front door.
	 * @param enqueuer the front door
	 */
	public EnqueuerSlotEnqueue(JobEnqueuer enqueuer) {
		this.enqueuer = enqueuer;
	}

	@Override
	public void enqueue(Schedule schedule, String jobId, Instant at) {
		JobOptions options = JobOptions.defaults();
		if (schedule.queue() != null) {
			options = options.queue(schedule.queue());
		}
		Instant expiry = schedule.expiryFor(at);
		if (expiry != null) {
			options = options.expiresAt(expiry);
		}
		this.enqueuer.enqueueAs(jobId, schedule.task(), schedule.argArray(), options);
	}

}
