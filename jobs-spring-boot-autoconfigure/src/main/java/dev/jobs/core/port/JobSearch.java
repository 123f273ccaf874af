package dev.jobs.core.port;

import java.time.Instant;
import java.util.List;

import dev.jobs.JobStatus;

/**
 * Finds job records by status and task, newest first, from indexes the record store keeps as it
 * writes the records, never by scanning the store.
 */
public interface JobSearch {

	/** Finds nothing, for stores that keep no indexes. */
	JobSearch NONE = (query) -> new Page(List.of(), null, false);

	/**
	 * One page of the records that match.
	 * @param query what to find
	 * @return the page, newest first
	 */
	Page search(Query query);

	/**
	 * What to find. Every criterion left {@code null} matches any record.
	 *
	 * @param status only records in this status
	 * @param task only records of this task
	 * @param queue only records of this job queue
	 * @param before only jobs enqueued before this instant
	 * @param after only jobs enqueued at or after this instant
	 * @param cursor where the previous page ended ({@link Page#next()}), or {@code null} for the
	 * first page
	 * @param size the most records on the page, 1 to 200
	 */
	record Query(JobStatus status, String task, String queue, Instant before, Instant after, String cursor,
			int size) {

		/**
		 * Creates a query, checking the page size.
		 * @param status only records in this status
		 * @param task only records of this task
		 * @param queue only records of this job queue
		 * @param before only jobs enqueued before this instant
		 * @param after only jobs enqueued at or after this instant
		 * @param cursor where the previous page ended, or {@code null} for the first page
		 * @param size the most records on the page, 1 to 200
		 */
		public Query {
			if (size < 1 || size > 200) {
				throw new IllegalArgumentException("page size must be between 1 and 200, got " + size);
			}
		}

	}

	/**
	 * A page of records.
	 *
	 * @param records the records, newest first
	 * @param next the cursor of the next page, or {@code null} if this is the last
	 * @param indexed whether the store keeps indexes at all (a Redis Cluster does not)
	 */
	record Page(List<ResultRecord> records, String next, boolean indexed) {

	}

}
