package dev.jobs.core.port;

import java.time.Instant;
import java.util.List;

/**
 * A schedule's shared record, as every instance reads it.
 *
 * @param lastSlot the latest slot claimed (fired, missed, skipped or paused over), or
 * {@code null}
 * @param recentJobs the ids of its latest jobs, newest first, at most its max-instances
 * @param lastFiredAt when its latest job was enqueued, or {@code null}
 * @param paused whether it is paused
 * @param missed how many slots came too late to fire, since the record began
 * @param skipped how many slots were skipped because earlier jobs were still in flight
 */
public record ScheduleState(Instant lastSlot, List<String> recentJobs, Instant lastFiredAt, boolean paused,
		long missed, long skipped) {

	/**
	 * Copies the jobs.
	 * @param lastSlot the last slot or {@code null}
	 * @param recentJobs the recent jobs
	 * @param lastFiredAt the last enqueue or {@code null}
	 * @param paused whether paused
	 * @param missed the missed count
	 * @param skipped the skipped count
	 */
	public ScheduleState {
		recentJobs = List.copyOf(recentJobs);
	}

	/**
	 * The id of the latest job.
	 * @return the id, or {@code null} if it never fired
	 */
	public String lastJobId() {
		return this.recentJobs.isEmpty() ? null : this.recentJobs.get(0);
	}

}
