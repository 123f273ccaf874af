package dev.jobs.core.port;

import java.time.Duration;

/**
 * Counts the runs of a job that were cut short: started, and never settled, because the worker
 * died, hung or lost its connection while the task ran. A run is marked as it starts and the
 * mark is removed when its delivery is settled; a mark still there when the job starts again
 * is a crash. Each method is one atomic operation and throws if the store cannot be reached.
 */
public interface CrashCounter {

	/**
	 * How many crashes the job would have if it started now, without marking anything: its
	 * count, plus one if a run left its mark.
	 * @param jobId the job
	 * @return its crashes; 0 for a job with no record
	 */
	int crashes(String jobId);

	/**
	 * Marks a run of the job as started, counting the run before it as a crash if that one left
	 * its mark.
	 * @param jobId the job
	 * @param owner a token of this delivery, which {@link #settled} must present
	 * @param limit the crashes at which the job is not run again; the run is then not marked
	 * @param keep how long the count is kept
	 * @return the job's crashes so far, this one's predecessor included
	 */
	int started(String jobId, String owner, int limit, Duration keep);

	/**
	 * Ends the count of a job whose run's delivery is settled, whatever its outcome: the job ran
	 * to an end, so its earlier crashes are forgiven, and crashes count in a row. Does nothing if
	 * the mark is another delivery's.
	 * @param jobId the job
	 * @param owner the token the run was marked with
	 */
	void settled(String jobId, String owner);

}
