package dev.jobs.core.port;

import java.time.Duration;
import java.util.List;

/**
 * Keeps the state of batches: one record per batch with its callbacks, its members and their
 * counts, every change atomic ({@code docs/protocol.md}, "Batch state").
 */
public interface BatchStore {

	/**
	 * Stores a new batch with its first members, before they are published.
	 * @param batchId the id
	 * @param callbacks the callbacks, JSON
	 * @param jobIds the members' job ids
	 * @param ttl how long the state is kept after its last change
	 */
	void create(String batchId, String callbacks, List<String> jobIds, Duration ttl);

	/**
	 * Adds members, before they are published; a member added again is counted once.
	 * @param batchId the batch
	 * @param jobIds the members' job ids
	 * @param ttl the time to live
	 * @return how many were new, or -1 if the batch's state is gone
	 */
	long add(String batchId, List<String> jobIds, Duration ttl);

	/**
	 * Records that a member ended, once per member however often it is told.
	 * @param batchId the batch
	 * @param jobId the member
	 * @param succeeded whether it succeeded
	 * @param ttl the time to live
	 * @return the batch's counts after it, or {@code null} if the state is gone
	 */
	BatchCounts ended(String batchId, String jobId, boolean succeeded, Duration ttl);

	/**
	 * A batch's counts.
	 * @param batchId the batch
	 * @return the counts, or {@code null} if the state is gone
	 */
	BatchCounts counts(String batchId);

	/**
	 * The counts of a batch, with its callbacks.
	 *
	 * @param total members so far
	 * @param pending members that have not ended
	 * @param succeeded members that succeeded
	 * @param failed members that failed for good
	 * @param callbacks the callbacks, JSON
	 */
	record BatchCounts(long total, long pending, long succeeded, long failed, String callbacks) {

		/**
		 * Whether every member has ended.
		 * @return {@code true} once nothing is pending
		 */
		public boolean isComplete() {
			return this.pending == 0;
		}

	}

}
