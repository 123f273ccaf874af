package dev.jobs.core.execution;

import dev.jobs.JobError;
import dev.jobs.RetryJob;
import dev.jobs.core.envelope.FailureText;
import dev.jobs.core.task.TaskError;

/**
 * What a task's failure is recorded as: for {@code RetryJob.after(delay, cause)}, the cause,
 * which says what went wrong; for an {@link Error} the task threw (wrapped in a
 * {@link TaskError}), that error; otherwise the exception itself.
 */
public final class TaskErrors {

	private TaskErrors() {
	}

	/**
	 * The throwable to record.
	 * @param error what the task threw, as the engine holds it
	 * @return the throwable that says what went wrong
	 */
	public static Throwable cause(Throwable error) {
		boolean wrapper = error instanceof RetryJob || error instanceof TaskError;
		return (wrapper && error.getCause() != null) ? error.getCause() : error;
	}

	/**
	 * The error to record: class name and capped message.
	 * @param error what the task threw, as the engine holds it
	 * @return the error
	 */
	public static JobError of(Throwable error) {
		Throwable cause = cause(error);
		return new JobError(cause.getClass().getName(), FailureText.message(cause));
	}

}
