package dev.jobs.core.port;

import java.util.List;

/**
 * The dead-letter queue as operators use it: read entries without losing them, send them back
 * to their job queues, or drop them. Every operation is bounded by its query's limit.
 */
public interface DeadLetterQueue {

	/**
	 * Reads matching entries and leaves every message in the queue.
	 * @param query which entries
	 * @return the entries, in the order the queue gave them (messages given back by an earlier
	 * operation may have moved to the end)
	 */
	List<DeadLetterEntry> browse(DeadLetterQuery query);

	/**
	 * Publishes each matching job back to its job queue as a fresh attempt (attempt 1, replay
	 * count plus one, no expiry), and removes an entry only once the broker has confirmed its
	 * job. Delivery stays at least once: if this process dies between the confirm and the
	 * removal, the entry remains and a later replay runs the job again.
	 * @param query which entries
	 * @return how many were replayed and how many were left in place
	 */
	ReplayResult replay(DeadLetterQuery query);

	/**
	 * Removes matching entries for good.
	 * @param query which entries; must be {@linkplain DeadLetterQuery#isSelective() selective}
	 * @return how many were removed
	 * @throws IllegalArgumentException if the query names no task, queue or id
	 */
	int purge(DeadLetterQuery query);

}
