package dev.jobs.core.port;

import java.time.Instant;
import java.util.List;

/**
 * How many jobs were enqueued, succeeded and failed for good in each recent minute, across every
 * instance: what the dashboard's overview charts. Counted by the store that keeps the job
 * records, as it stores them, so a duplicate record never counts twice.
 */
public interface JobThroughput {

	/** Counts nothing, for stores that keep no counters (a Redis Cluster, or none at all). */
	JobThroughput NONE = (minutes) -> List.of();

	/**
	 * The counts of the last minutes, the current one included.
	 * @param minutes how many minutes, at least 1
	 * @return one entry a minute, oldest first; empty when no counters are kept
	 */
	List<Minute> lastMinutes(int minutes);

	/**
	 * The counts of one minute.
	 *
	 * @param start the minute's first instant, by the store's clock
	 * @param enqueued runs of jobs whose first record was stored (new jobs, and replays)
	 * @param succeeded jobs that succeeded
	 * @param failed jobs that failed for good
	 */
	record Minute(Instant start, long enqueued, long succeeded, long failed) {

		/**
		 * Whether anything was counted in this minute.
		 * @return true if any count is above zero
		 */
		public boolean active() {
			return this.enqueued > 0 || this.succeeded > 0 || this.failed > 0;
		}

	}

}
