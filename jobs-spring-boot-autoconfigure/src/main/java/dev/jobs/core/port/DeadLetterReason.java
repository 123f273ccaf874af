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

	/** The task threw and will not be retried. */
	TASK_FAILED,

	/** The broker gave up redelivering the message after its delivery limit. */
	DELIVERY_LIMIT

}
