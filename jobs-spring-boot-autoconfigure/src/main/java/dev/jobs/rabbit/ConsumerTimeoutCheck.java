package dev.jobs.rabbit;

/**
 * What a worker does at start-up when a task may hold its delivery past the broker's
 * {@code consumer_timeout} ({@code jobs.rabbit.consumer-timeout-check}).
 */
public enum ConsumerTimeoutCheck {

	/** Refuse to start, naming the task, its limit and the broker's timeout. */
	FAIL,

	/** Start, and log the same as a warning. */
	WARN,

	/** Do not check. */
	OFF

}
