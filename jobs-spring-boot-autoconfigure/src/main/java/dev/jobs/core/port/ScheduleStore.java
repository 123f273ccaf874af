package dev.jobs.core.port;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the instances of an application agree on their schedules' slots: one record per
 * schedule, shared by all of them. The Redis adapter keeps it under
 * {@code <prefix>schedule:<name>} (docs/protocol.md).
 *
 * <p>A slot is claimed by raising the schedule's last slot, atomically: only a slot later than
 * every slot claimed before can be claimed, so exactly one instance wins each slot, an instance
 * whose clock runs behind cannot claim a slot again after it was claimed, and no time to live
 * has to outlast a clock's error.
 */
public interface ScheduleStore {

	/**
	 * Claims a slot: raises the last slot to it if it is later, and says whether this caller is
	 * the one to act on it. A paused schedule's slot is raised too, so that resuming it does
	 * not fire the slots of the pause.
	 * @param schedule the schedule's name
	 * @param slot the slot
	 * @return the verdict, with the last slot before and the recent jobs when won
	 */
	SlotClaim claim(String schedule, Instant slot);

	/**
	 * Records a job the schedule enqueued, as the newest of its recent jobs.
	 * @param schedule the schedule's name
	 * @param jobId the job's id
	 * @param at when it was enqueued
	 * @param keep how many recent jobs to keep (the schedule's max-instances)
	 */
	void fired(String schedule, String jobId, Instant at, int keep);

	/**
	 * Adds to the schedule's counts.
	 * @param schedule the schedule's name
	 * @param missed slots that did not fire because they came too late
	 * @param skipped slots that did not fire because earlier jobs were still in flight
	 */
	void count(String schedule, long missed, long skipped);

	/**
	 * Pauses or resumes a schedule on every instance.
	 * @param schedule the schedule's name
	 * @param paused whether its slots stop firing
	 */
	void pause(String schedule, boolean paused);

	/**
	 * The schedule's record.
	 * @param schedule the schedule's name
	 * @return the record, or empty if no instance has claimed, counted or paused anything yet
	 */
	Optional<ScheduleState> state(String schedule);

}
