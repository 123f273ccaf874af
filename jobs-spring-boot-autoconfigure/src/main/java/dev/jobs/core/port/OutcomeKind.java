package dev.jobs.core.port;

import java.util.Optional;

import dev.jobs.JobStatus;

/**
 * Every way a delivery of a job can end, with what each implies: how the delivery is
 * acknowledged, which status its record takes, the {@code outcome} tag of the metrics, and
 * whether the task ran and failed.
 *
 * <p>The set is closed and handled exhaustively: the worker settles each kind in its own step,
 * and every consumer of outcomes (the broker adapter, metrics, the endpoint's totals) switches
 * over this enum without a default branch, so a new kind is a compile error wherever it is not
 * yet handled.
 */
public enum OutcomeKind {

	/** The task returned; its result is stored. */
	SUCCEEDED(Acknowledgement.ACK, JobStatus.SUCCESS, "success", true, false),

	/** The task failed and a copy for its next attempt waits in the delay levels. */
	RETRY_SCHEDULED(Acknowledgement.ACK, JobStatus.RETRYING, "retry", true, true),

	/** The task failed for good: dead-lettered, stored as a failure, listeners told. */
	FAILED(Acknowledgement.ACK, JobStatus.FAILURE, "failure", true, true),

	/**
	 * The message could not run as it is (malformed, unknown task, arguments that do not fit,
	 * delivery limit reached) and was dead-lettered without running.
	 */
	REJECTED(Acknowledgement.ACK, JobStatus.FAILURE, "dead", false, false),

	/** The job was past its expiry and was not run. */
	EXPIRED(Acknowledgement.ACK, JobStatus.EXPIRED, "expired", false, false),

	/**
	 * A guard put the job off (its lock or idempotency key was held): a copy of the same attempt
	 * waits in the delay levels, and no attempt was spent.
	 */
	DEFERRED(Acknowledgement.ACK, JobStatus.DEFERRED, "deferred", false, false),

	/** A guard ended the job on purpose without running it (its lock was held, and it skips). */
	SKIPPED(Acknowledgement.ACK, JobStatus.SKIPPED, "skipped", false, false),

	/**
	 * Another job with the same idempotency key had succeeded: this one ends with its result,
	 * without running.
	 */
	DEDUPLICATED(Acknowledgement.ACK, JobStatus.SUCCESS, "deduplicated", false, false),

	/**
	 * The attempt was cut short because the worker is stopping: nothing is settled and the
	 * delivery goes back to its queue.
	 */
	GIVEN_BACK(Acknowledgement.GIVE_BACK, null, "given_back", true, false),

	/**
	 * The job was cancelled: not run if delivered after the cancel, interrupted if it was running.
	 */
	CANCELLED(Acknowledgement.ACK, JobStatus.CANCELLED, "cancelled", false, false);

	private final Acknowledgement acknowledgement;

	private final JobStatus status;

	private final String tag;

	private final boolean taskRan;

	private final boolean taskFailure;

	OutcomeKind(Acknowledgement acknowledgement, JobStatus status, String tag, boolean taskRan, boolean taskFailure) {
		this.acknowledgement = acknowledgement;
		this.status = status;
		this.tag = tag;
		this.taskRan = taskRan;
		this.taskFailure = taskFailure;
	}

	/**
	 * What becomes of the delivery once the outcome is settled.
	 * @return the acknowledgement
	 */
	public Acknowledgement acknowledgement() {
		return this.acknowledgement;
	}

	/**
	 * The status the job's record takes.
	 * @return the status, or empty if the record is left as it was
	 */
	public Optional<JobStatus> status() {
		return Optional.ofNullable(this.status);
	}

	/**
	 * The value of the {@code outcome} tag of the {@code jobs.completed} meter.
	 * @return a short lower-case name
	 */
	public String tag() {
		return this.tag;
	}

	/**
	 * Whether the task was invoked, so that the delivery has a run time.
	 * @return {@code false} for the kinds that end a delivery before its task runs
	 */
	public boolean taskRan() {
		return this.taskRan;
	}

	/**
	 * Whether the task ran and did not succeed (an attempt failed).
	 * @return {@code true} for {@link #RETRY_SCHEDULED} and {@link #FAILED}
	 */
	public boolean isTaskFailure() {
		return this.taskFailure;
	}

}
