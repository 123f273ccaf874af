package dev.jobs;

import java.time.Duration;

/**
 * The error of an attempt that ran past its task's time limit ({@code @BackgroundTask(timeout)}
 * or {@code jobs.tasks.<name>.timeout}): the worker interrupted the task's thread, and the
 * attempt failed with this error, which the retry policy treats like any other failure.
 */
public class JobTimeoutException extends JobsException {

	private static final long serialVersionUID = 1L;

	private final transient Duration limit;

	/**
	 * The error of an attempt the worker interrupted at its time limit.
	 * @param task the task name
	 * @param limit the limit it ran past
	 * @param thrown what the task threw when interrupted, or {@code null}
	 */
	public JobTimeoutException(String task, Duration limit, Throwable thrown) {
		this(limit, "Task '" + task + "' ran past its time limit of " + limit + " and was interrupted", thrown);
	}

	private JobTimeoutException(Duration limit, String message, Throwable thrown) {
		super(message, thrown);
		this.limit = limit;
	}

	/**
	 * The error of an attempt whose task ignored the interrupt past the hard limit (the limit plus
	 * {@code jobs.worker.hard-timeout-grace}): the worker gave up on its thread.
	 * @param task the task name
	 * @param limit the limit it ran past
	 * @param grace how long after the limit it was abandoned
	 * @return the error
	 */
	public static JobTimeoutException abandoned(String task, Duration limit, Duration grace) {
		return new JobTimeoutException(limit, "Task '" + task + "' ran past its time limit of " + limit
				+ " and ignored the interrupt for " + grace + "; its thread was abandoned, and counts as stuck until"
				+ " it returns (jobs.worker.stuck)", null);
	}

	/**
	 * The limit the attempt ran past.
	 * @return the limit
	 */
	public Duration getLimit() {
		return this.limit;
	}

}
