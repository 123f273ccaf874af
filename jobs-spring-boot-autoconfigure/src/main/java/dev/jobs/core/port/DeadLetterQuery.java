package dev.jobs.core.port;

import java.util.Set;

import dev.jobs.FailureReason;

/**
 * Which dead-letter entries an operation acts on: the first {@code limit} the queue gives that
 * match every given criterion. Built with {@link #first}, then narrowed with the withers:
 * {@code DeadLetterQuery.first(100).task("send-webhook").reason(FailureReason.NOT_RETRYABLE)}.
 * Entries whose body is not a job have no job id and no task; they are selected by reason,
 * position or message id.
 *
 * @param limit the most entries to act on, 1 to {@value #MAX_LIMIT}
 * @param task only entries of this task, or {@code null} for any
 * @param queue only entries from this job queue, or {@code null} for any
 * @param ids only entries of these job ids; empty for any
 * @param reason only entries dead-lettered for this reason, or {@code null} for any
 * @param messageIds only entries whose original message carried one of these message ids;
 * empty for any
 * @param positions only the entries at these positions of the queue (0 is its head, counted
 * as the operation reads it); empty for any
 */
public record DeadLetterQuery(int limit, String task, String queue, Set<String> ids, FailureReason reason,
		Set<String> messageIds, Set<Integer> positions) {

	/** Entries returned by a browse that names no limit. */
	public static final int DEFAULT_BROWSE_LIMIT = 100;

	/** Entries replayed or purged by a call that names no limit. */
	public static final int DEFAULT_CHANGE_LIMIT = 1_000;

	/** The highest limit one call accepts. */
	public static final int MAX_LIMIT = 10_000;

	/**
	 * Creates a {@code DeadLetterQuery}, checking its components.
	 * @param limit the most entries to act on, 1 to {@value #MAX_LIMIT}
	 * @param task only entries of this task, or {@code null} for any
	 * @param queue only entries from this job queue, or {@code null} for any
	 * @param ids only entries of these job ids; empty for any
	 * @param reason only entries dead-lettered for this reason, or {@code null} for any
	 * @param messageIds only entries whose original message carried one of these message ids;
	 * empty for any
	 * @param positions only the entries at these positions of the queue (0 is its head, counted
	 * as the operation reads it); empty for any
	 */
	public DeadLetterQuery {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
		}
		ids = (ids != null) ? Set.copyOf(ids) : Set.of();
		messageIds = (messageIds != null) ? Set.copyOf(messageIds) : Set.of();
		positions = (positions != null) ? Set.copyOf(positions) : Set.of();
	}

	/**
	 * The first entries of the queue, whatever they are.
	 * @param limit the most entries to act on, 1 to {@value #MAX_LIMIT}
	 * @return the query
	 * @throws IllegalArgumentException if the limit is out of range
	 */
	public static DeadLetterQuery first(int limit) {
		return new DeadLetterQuery(limit, null, null, Set.of(), null, Set.of(), Set.of());
	}

	/**
	 * This query, for one task only.
	 * @param task the task name, or {@code null} for any
	 * @return the new query
	 */
	public DeadLetterQuery task(String task) {
		return new DeadLetterQuery(this.limit, task, this.queue, this.ids, this.reason, this.messageIds,
				this.positions);
	}

	/**
	 * This query, for one job queue only.
	 * @param queue the job queue, or {@code null} for any
	 * @return the new query
	 */
	public DeadLetterQuery queue(String queue) {
		return new DeadLetterQuery(this.limit, this.task, queue, this.ids, this.reason, this.messageIds,
				this.positions);
	}

	/**
	 * This query, for the given job ids only.
	 * @param ids the job ids; empty for any
	 * @return the new query
	 */
	public DeadLetterQuery ids(Set<String> ids) {
		return new DeadLetterQuery(this.limit, this.task, this.queue, ids, this.reason, this.messageIds,
				this.positions);
	}

	/**
	 * This query, for one reason only.
	 * @param reason the reason, or {@code null} for any
	 * @return the new query
	 */
	public DeadLetterQuery reason(FailureReason reason) {
		return new DeadLetterQuery(this.limit, this.task, this.queue, this.ids, reason, this.messageIds,
				this.positions);
	}

	/**
	 * This query, for the given original message ids only.
	 * @param messageIds the message ids; empty for any
	 * @return the new query
	 */
	public DeadLetterQuery messageIds(Set<String> messageIds) {
		return new DeadLetterQuery(this.limit, this.task, this.queue, this.ids, this.reason, messageIds,
				this.positions);
	}

	/**
	 * This query, for the entries at the given positions only.
	 * @param positions positions in the queue, 0 for its head; empty for any
	 * @return the new query
	 */
	public DeadLetterQuery positions(Set<Integer> positions) {
		return new DeadLetterQuery(this.limit, this.task, this.queue, this.ids, this.reason, this.messageIds,
				positions);
	}

	/**
	 * Whether the query names the entries it selects, by task, queue, id, reason, message id or
	 * position, as a purge requires.
	 * @return {@code true} if at least one criterion is given
	 */
	public boolean isSelective() {
		return this.task != null || this.queue != null || !this.ids.isEmpty() || this.reason != null
				|| !this.messageIds.isEmpty() || !this.positions.isEmpty();
	}

	/**
	 * Whether an entry matches the criteria (the limit aside). An entry that lacks a field
	 * (no job id, no task: its body was not a job) matches no criterion on that field.
	 * @param entry the entry
	 * @return {@code true} if it matches
	 */
	public boolean matches(DeadLetterEntry entry) {
		return (this.task == null || this.task.equals(entry.task()))
				&& (this.queue == null || this.queue.equals(entry.queue()))
				&& (this.ids.isEmpty() || (entry.jobId() != null && this.ids.contains(entry.jobId())))
				&& (this.reason == null || this.reason == entry.reason())
				&& (this.messageIds.isEmpty()
						|| (entry.original().messageId() != null && this.messageIds.contains(entry.original().messageId())))
				&& (this.positions.isEmpty() || this.positions.contains(entry.position()));
	}

}
