package dev.jobs.core.port;

import java.util.Set;

/**
 * Which dead-letter entries an operation acts on: the first {@code limit} the queue gives that
 * match every given criterion.
 *
 * @param limit the most entries to act on, 1 to {@value #MAX_LIMIT}
 * @param task only entries of this task, or {@code null} for any
 * @param queue only entries from this job queue, or {@code null} for any
 * @param ids only entries of these job ids; empty for any
 */
public record DeadLetterQuery(int limit, String task, String queue, Set<String> ids) {

	/** Entries returned by a browse that names no limit. */
	public static final int DEFAULT_BROWSE_LIMIT = 100;

	/** Entries replayed or purged by a call that names no limit. */
	public static final int DEFAULT_CHANGE_LIMIT = 1_000;

	/** The highest limit one call accepts. */
	public static final int MAX_LIMIT = 10_000;

	public DeadLetterQuery {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
		}
		ids = (ids != null) ? Set.copyOf(ids) : Set.of();
	}

	/**
	 * Whether the query names the entries it selects, by task, queue or id, as a purge requires.
	 * @return {@code true} if at least one criterion is given
	 */
	public boolean isSelective() {
		return this.task != null || this.queue != null || !this.ids.isEmpty();
	}

	/**
	 * Whether an entry matches the criteria (the limit aside).
	 * @param jobId the entry's job id, or {@code null}
	 * @param entryTask the entry's task, or {@code null}
	 * @param entryQueue the entry's job queue, or {@code null}
	 * @return {@code true} if it matches
	 */
	public boolean matches(String jobId, String entryTask, String entryQueue) {
		return (this.task == null || this.task.equals(entryTask))
				&& (this.queue == null || this.queue.equals(entryQueue))
				&& (this.ids.isEmpty() || this.ids.contains(jobId));
	}

}
