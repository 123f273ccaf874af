package dev.jobs.core.envelope;

import java.time.Instant;
import java.util.Objects;

import tools.jackson.databind.node.ArrayNode;

/**
 * One job as it travels: the body of a job message, version {@value #PROTOCOL_VERSION} of the
 * wire protocol in {@code docs/protocol.md}.
 *
 * @param id the job id, unique and time-ordered
 * @param task the task name
 * @param queue the job queue the job is published to
 * @param args the arguments as JSON, one element per task parameter
 * @param attempt the attempt this message carries, 1 for the first
 * @param enqueuedAt when the job was first enqueued
 * @param expiresAt when the job expires unrun, or {@code null}
 * @param replays how many times an operator replayed the job from the dead-letter queue
 * @param eta when the job is due, or {@code null} for as soon as possible
 * @param firstFailedAt when the job's first attempt failed, or {@code null} before any failure
 * @param keys its idempotency and unique keys; {@link JobKeys#NONE} for none
 * @param trace the trace its enqueue belonged to; {@link TraceContext#NONE} for none
 */
public record JobEnvelope(String id, String task, String queue, ArrayNode args, int attempt, Instant enqueuedAt,
		Instant expiresAt, int replays, Instant eta, Instant firstFailedAt, JobKeys keys, TraceContext trace) {

	/**
	 * The highest protocol version this code reads, and the one it writes for a job that
	 * belongs to a workflow or a batch.
	 */
	public static final int PROTOCOL_VERSION = 2;

	/** The protocol version this code writes for a job on its own, which every worker reads. */
	public static final int PROTOCOL_V1 = 1;

	/**
	 * Creates a {@code JobEnvelope}, checking its components.
	 * @param id the job id, unique and time-ordered
	 * @param task the task name
	 * @param queue the job queue the job is published to
	 * @param args the arguments as JSON, one element per task parameter
	 * @param attempt the attempt this message carries, 1 for the first
	 * @param enqueuedAt when the job was first enqueued
	 * @param expiresAt when the job expires unrun, or {@code null}
	 * @param replays how many times an operator replayed the job from the dead-letter queue
	 * @param eta when the job is due, or {@code null} for as soon as possible
	 * @param firstFailedAt when the job's first attempt failed, or {@code null} before any failure
	 * @param keys its idempotency and unique keys; {@link JobKeys#NONE} for none
	 * @param trace the trace its enqueue belonged to; {@link TraceContext#NONE} for none
	 */
	public JobEnvelope {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(task, "task");
		Objects.requireNonNull(queue, "queue");
		Objects.requireNonNull(args, "args");
		Objects.requireNonNull(enqueuedAt, "enqueuedAt");
		keys = (keys != null) ? keys : JobKeys.NONE;
		trace = (trace != null) ? trace : TraceContext.NONE;
		if (attempt < 1) {
			throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
		}
		if (replays < 0) {
			throw new IllegalArgumentException("replays must not be negative, got " + replays);
		}
	}

	/**
	 * An envelope outside any trace.
	 * @param id the job id
	 * @param task the task name
	 * @param queue the job queue
	 * @param args the arguments
	 * @param attempt the attempt, from 1
	 * @param enqueuedAt when the job was first enqueued
	 * @param expiresAt when it expires unrun, or {@code null}
	 * @param replays how often an operator replayed it
	 * @param eta when it is due, or {@code null}
	 * @param firstFailedAt when its first attempt failed, or {@code null}
	 * @param keys its keys
	 */
	public JobEnvelope(String id, String task, String queue, ArrayNode args, int attempt, Instant enqueuedAt,
			Instant expiresAt, int replays, Instant eta, Instant firstFailedAt, JobKeys keys) {
		this(id, task, queue, args, attempt, enqueuedAt, expiresAt, replays, eta, firstFailedAt, keys,
				TraceContext.NONE);
	}

	/**
	 * A new job's envelope: first attempt, never replayed, due at once, never expiring; the
	 * withers below set the rest.
	 * @param id the job id
	 * @param task the task name
	 * @param queue the job queue
	 * @param args the encoded arguments
	 * @param enqueuedAt when it is enqueued
	 * @return the envelope
	 */
	public static JobEnvelope first(String id, String task, String queue, ArrayNode args, Instant enqueuedAt) {
		return new JobEnvelope(id, task, queue, args, 1, enqueuedAt, null, 0, null, null, JobKeys.NONE);
	}

	/**
	 * This envelope with another expiry.
	 * @param expiresAt when the job expires unrun, or {@code null} for never
	 * @return the new envelope
	 */
	public JobEnvelope expiresAt(Instant expiresAt) {
		return new JobEnvelope(this.id, this.task, this.queue, this.args, this.attempt, this.enqueuedAt, expiresAt,
				this.replays, this.eta, this.firstFailedAt, this.keys, this.trace);
	}

	/**
	 * This envelope with another due time.
	 * @param eta when the job is due, or {@code null} for as soon as possible
	 * @return the new envelope
	 */
	public JobEnvelope eta(Instant eta) {
		return new JobEnvelope(this.id, this.task, this.queue, this.args, this.attempt, this.enqueuedAt,
				this.expiresAt, this.replays, eta, this.firstFailedAt, this.keys, this.trace);
	}

	/**
	 * The copy that carries the next attempt after a failure. It keeps the job's expiry: an
	 * attempt that comes due after the job expired ends {@code EXPIRED} instead of running. It
	 * holds no rate-limit slot: the next attempt takes its own.
	 * @param due when the next attempt is due
	 * @param failedAt when this attempt failed
	 * @return the next attempt's envelope
	 */
	public JobEnvelope nextAttempt(Instant due, Instant failedAt) {
		return new JobEnvelope(this.id, this.task, this.queue, this.args, this.attempt + 1, this.enqueuedAt,
				this.expiresAt, this.replays, due, (this.firstFailedAt != null) ? this.firstFailedAt : failedAt,
				this.keys.rateSlot(null), this.trace);
	}

	/**
	 * The copy that tries the same attempt again later, because a guard deferred it (its lock or
	 * idempotency key was held): no attempt is spent.
	 * @param due when it is due
	 * @return the deferred envelope
	 */
	public JobEnvelope deferredUntil(Instant due) {
		return eta(due);
	}

	/**
	 * This envelope in another trace.
	 * @param trace the trace's propagation fields
	 * @return the new envelope
	 */
	public JobEnvelope trace(TraceContext trace) {
		return new JobEnvelope(this.id, this.task, this.queue, this.args, this.attempt, this.enqueuedAt,
				this.expiresAt, this.replays, this.eta, this.firstFailedAt, this.keys, trace);
	}

	/**
	 * This envelope with other keys.
	 * @param keys the keys
	 * @return the new envelope
	 */
	public JobEnvelope keys(JobKeys keys) {
		return new JobEnvelope(this.id, this.task, this.queue, this.args, this.attempt, this.enqueuedAt,
				this.expiresAt, this.replays, this.eta, this.firstFailedAt, keys, this.trace);
	}

	/**
	 * The copy an operator's replay from the dead-letter queue sends: a fresh first attempt,
	 * due now, without the old expiry, counting the replay.
	 * @return the replayed envelope
	 */
	public JobEnvelope replayed() {
		return new JobEnvelope(this.id, this.task, this.queue, this.args, 1, this.enqueuedAt, null, this.replays + 1,
				null, null, this.keys.rateSlot(null), this.trace);
	}

	/**
	 * Whether the job is past its expiry at the given instant.
	 * @param now the current instant
	 * @return {@code true} if the job has an expiry and it has passed
	 */
	public boolean isExpiredAt(Instant now) {
		return this.expiresAt != null && now.isAfter(this.expiresAt);
	}

}
