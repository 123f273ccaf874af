package dev.jobs;

/**
 * Why a job ended without success and will not be tried again: the one reason vocabulary of the
 * project. It is the value of the {@code x-jobs-reason} dead-letter header and of
 * {@link JobFailure#reason()}.
 *
 * <p>Bad input (the first three, {@link #DELIVERY_LIMIT}, {@link #KEY_EXPRESSION} and
 * {@link #VERSION_UNKNOWN}) is final at once; only
 * {@link #RETRIES_EXHAUSTED} and {@link #NOT_RETRYABLE} are failures of the task itself and go
 * through its retry policy first.
 */
public enum FailureReason {

	/** The body is not a job message of a supported protocol version. */
	MALFORMED(false),

	/** The message names a task no worker of this queue runs. */
	UNKNOWN_TASK(false),

	/** The arguments do not fit the task's parameter types. */
	ARGUMENT_TYPE(false),

	/**
	 * The task returned a value that cannot be written as JSON. The task ran, so it is not run
	 * again: a retry would repeat its side effects.
	 */
	RESULT_TYPE(true),

	/** The task kept failing until its retry policy's attempts were used up. */
	RETRIES_EXHAUSTED(true),

	/** The task threw an exception its retry policy never retries, or {@link DiscardJob}. */
	NOT_RETRYABLE(true),

	/**
	 * The task's last attempt ran past its time limit ({@code @BackgroundTask(timeout)}) and was
	 * interrupted, with no attempt left or a policy that does not retry
	 * {@link JobTimeoutException}.
	 */
	TIMED_OUT(true),

	/** The message reached its queue's delivery limit without ever being settled. */
	DELIVERY_LIMIT(false),

	/**
	 * The job's runs were cut short {@code jobs.worker.crash-limit} times (its worker died, hung
	 * or lost its connection while it ran, and never settled it): a poison job, not run again.
	 */
	CRASH_LIMIT(true),

	/**
	 * The task's idempotency-key or lock expression failed for the job's arguments (or gave no
	 * key), so the job cannot be run as its task requires: it is never run unkeyed or unlocked.
	 */
	KEY_EXPRESSION(false),

	/**
	 * The job was written for a version of its task's signature that no worker took in time: a
	 * newer version than this worker knows, deferred until {@code jobs.versions.max-wait} ran out,
	 * or an older one without an upcaster path to the current version.
	 */
	VERSION_UNKNOWN(false);

	private final boolean taskRan;

	FailureReason(boolean taskRan) {
		this.taskRan = taskRan;
	}

	/**
	 * Whether the task ran and failed, as opposed to input no worker could run: only such
	 * failures reach the {@link JobFailureListener}s.
	 * @return {@code true} for {@link #RESULT_TYPE}, {@link #RETRIES_EXHAUSTED},
	 * {@link #NOT_RETRYABLE}, {@link #TIMED_OUT} and {@link #CRASH_LIMIT}
	 */
	public boolean isTaskFailure() {
		return this.taskRan;
	}

}
