package dev.jobs.core.port;

import java.time.Instant;
import java.util.List;

/**
 * What a claim of a schedule's slot decided.
 *
 * @param verdict whether the caller acts on the slot
 * @param previousSlot the last slot claimed before, or {@code null} if this is the first
 * @param recentJobs the schedule's recent jobs, newest first, when won; empty otherwise
 */
public record SlotClaim(Verdict verdict, Instant previousSlot, List<String> recentJobs) {

	/**
	 * Copies the jobs.
	 * @param verdict the verdict
	 * @param previousSlot the previous slot or {@code null}
	 * @param recentJobs the recent jobs
	 */
	public SlotClaim {
		recentJobs = List.copyOf(recentJobs);
	}

	/** Whether the caller acts on the slot. */
	public enum Verdict {

		/** This caller raised the last slot: it alone decides whether the slot fires. */
		WON,

		/** Another instance claimed this slot or a later one. */
		TAKEN,

		/** The schedule is paused: the slot was passed over on every instance. */
		PAUSED

	}

}
