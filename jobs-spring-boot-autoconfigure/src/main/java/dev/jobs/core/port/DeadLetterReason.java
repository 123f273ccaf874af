package dev.jobs.core.port;

/**
 * Why a job was dead-lettered: the value of the {@code x-jobs-reason} header.
 */
public enum DeadLetterReason {

	/** The body is not a job message of a supported protocol version. */
	MALFORMED,

	/** The message names a task no worker of this queue runs. */
	UNKNOWN_TASK,

	/** The arguments do not fit the task's parameter types. */
	ARGUMENT_TYPE,

	/** The task kept failing until its retry policy's attempts were used up. */
	RETRIES_EXHAUSTED,

	/** The task threw an exception its retry policy never retries, or DiscardJob. */
	NOT_RETRYABLE,

	/** The message reached its queue's delivery limit without ever being settled. */
	DELIVERY_LIMIT

}
