package dev.jobs.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.jobs.core.envelope.JobEnvelope;

/**
 * A table of jobs written in the application's own database transaction and published
 * afterwards: the store behind {@code jobs.publish.outbox}.
 *
 * <p>A row is stored by the transaction that enqueued its job, so it exists exactly when that
 * transaction committed. A relay then hands due rows to the broker and marks the confirmed ones
 * published; a row that was not confirmed stays and is due again later. Any number of instances
 * may relay the same table at once: a row is handed to one of them at a time.
 */
public interface JobOutbox {

	/**
	 * Stores jobs in the transaction of the calling thread, which must be a transaction on
	 * the outbox's database.
	 * @param envelopes the jobs
	 * @throws IllegalStateException if the calling thread has no transaction on that database:
	 * a row written outside it would survive the caller's rollback
	 */
	void store(List<JobEnvelope> envelopes);

	/**
	 * Takes up to {@code limit} due rows that no other relay holds, oldest first, hands their jobs
	 * to {@code publish}, marks published the rows whose ids it returns, and makes the others due
	 * again after {@code retryAfter}; all in one transaction of the outbox's own.
	 * @param limit the most rows to take
	 * @param retryAfter how long a row that was not confirmed waits before it is taken again
	 * @param publish publishes the jobs and returns the ids the broker confirmed
	 * @return how many rows were taken
	 */
	int relay(int limit, Duration retryAfter, Function<List<JobEnvelope>, Set<String>> publish);

	/**
	 * Deletes rows published before the given instant.
	 * @param publishedBefore rows published earlier than this go
	 * @return how many rows were deleted
	 */
	int clean(Instant publishedBefore);

}
