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

	public JobTimeoutException(String task, Duration limit, Throwable thrown) {
		super("Task '" + task + "' ran past its time limit of " + limit + " and was interrupted", thrown);
		this.limit = limit;
	}

	/**
	 * The limit the attempt ran past.
	 * @return the limit
	 */
	public Duration getLimit() {
		return this.limit;
	}

}
