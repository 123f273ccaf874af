package dev.jobs.core.envelope;

import java.time.Instant;

import dev.jobs.UniqueUntil;

/**
 * What a job carries from its enqueue to its worker besides its call: its keys, its priority,
 * the rate-limit slot a deferred copy holds, and the workflow or batch it belongs to (fields
 * {@code idempotencyKey}, {@code uniqueKey}, {@code uniqueUntil}, {@code priority},
 * {@code rateSlot}, {@code workflow}, {@code batch}, {@code retryPolicy} and {@code taskVersion}
 * of {@code docs/protocol.md}).
 *
 * @param idempotency the idempotency key given at enqueue, or {@code null} for the task's own
 * @param unique the unique key the producer claimed for the job, or {@code null}
 * @param uniqueUntil until when the unique key is held; {@code null} without one
 * @param rateSlot for a copy the rate limit deferred, the start slot reserved for it, so that it
 * runs without taking another; {@code null} otherwise
 * @param priority the message priority (0 to 255, higher first) on a queue declared with a
 * {@code max-priority}; 0 for none
 * @param membership the workflow step or batch the job belongs to; {@link Membership#NONE} for
 * none
 * @param retryPolicy the retry policy given at enqueue, or {@code null} for the task's
 * @param taskVersion the version of the task's signature its arguments were written for, from 1
 */
public record JobKeys(String idempotency, String unique, UniqueUntil uniqueUntil, Instant rateSlot, int priority,
		Membership membership, String retryPolicy, int taskVersion) {

	/** No keys, arguments of the first version of the task. */
	public static final JobKeys NONE = new JobKeys(null, null, null, null, 0, Membership.NONE, null, 1);

	/**
	 * Creates a {@code JobKeys}, checking its components.
	 * @param idempotency the idempotency key given at enqueue, or {@code null} for the task's own
	 * @param unique the unique key the producer claimed for the job, or {@code null}
	 * @param uniqueUntil until when the unique key is held; {@code null} without one
	 * @param rateSlot for a copy the rate limit deferred, the start slot reserved for it, so that it
	 * runs without taking another; {@code null} otherwise
	 * @param priority the message priority (0 to 255, higher first) on a queue declared with a
	 * {@code max-priority}; 0 for none
	 * @param membership the workflow step or batch the job belongs to; {@link Membership#NONE} for
	 * none
	 * @param retryPolicy the retry policy given at enqueue, or {@code null} for the task's
	 * @param taskVersion the version of the task's signature its arguments were written for, from 1
	 */
	public JobKeys {
		if (taskVersion < 1) {
			throw new IllegalArgumentException("taskVersion must be at least 1, got " + taskVersion);
		}
		membership = (membership != null) ? membership : Membership.NONE;
		if (unique != null && uniqueUntil == null) {
			uniqueUntil = UniqueUntil.FINISHED;
		}
		if (unique == null) {
			uniqueUntil = null;
		}
		if (priority < 0 || priority > 255) {
			throw new IllegalArgumentException("priority must be between 0 and 255, got " + priority);
		}
	}

	/**
	 * These keys with another idempotency key.
	 * @param key the key, or {@code null}
	 * @return the new keys
	 */
	public JobKeys idempotency(String key) {
		return new JobKeys(key, this.unique, this.uniqueUntil, this.rateSlot, this.priority, this.membership, this.retryPolicy, this.taskVersion);
	}

	/**
	 * These keys with another unique key.
	 * @param key the key, or {@code null}
	 * @param until until when it is held
	 * @return the new keys
	 */
	public JobKeys unique(String key, UniqueUntil until) {
		return new JobKeys(this.idempotency, key, until, this.rateSlot, this.priority, this.membership, this.retryPolicy, this.taskVersion);
	}

	/**
	 * These keys holding a reserved rate-limit slot, or none.
	 * @param slot the slot, or {@code null}
	 * @return the new keys
	 */
	public JobKeys rateSlot(Instant slot) {
		return new JobKeys(this.idempotency, this.unique, this.uniqueUntil, slot, this.priority, this.membership, this.retryPolicy, this.taskVersion);
	}

	/**
	 * These keys with another priority.
	 * @param priority 0 to 255, higher first
	 * @return the new keys
	 */
	public JobKeys priority(int priority) {
		return new JobKeys(this.idempotency, this.unique, this.uniqueUntil, this.rateSlot, priority, this.membership, this.retryPolicy, this.taskVersion);
	}

	/**
	 * These keys with another membership.
	 * @param membership the workflow step or batch
	 * @return the new keys
	 */
	public JobKeys membership(Membership membership) {
		return new JobKeys(this.idempotency, this.unique, this.uniqueUntil, this.rateSlot, this.priority, membership, this.retryPolicy, this.taskVersion);
	}

	/**
	 * These keys with another retry policy.
	 * @param name the policy's name, or {@code null} for the task's
	 * @return the new keys
	 */
	public JobKeys retryPolicy(String name) {
		return new JobKeys(this.idempotency, this.unique, this.uniqueUntil, this.rateSlot, this.priority,
				this.membership, name, this.taskVersion);
	}

	/**
	 * These keys for arguments of another version of the task's signature.
	 * @param version the version, from 1
	 * @return the new keys
	 */
	public JobKeys taskVersion(int version) {
		return new JobKeys(this.idempotency, this.unique, this.uniqueUntil, this.rateSlot, this.priority,
				this.membership, this.retryPolicy, version);
	}

}
