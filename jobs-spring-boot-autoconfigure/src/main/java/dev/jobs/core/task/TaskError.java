package dev.jobs.core.task;

/**
 * An {@link Error} a task threw, carried as an exception so that it is settled like any other
 * failure of the task (retried or dead-lettered) instead of killing the consumer. The recorded
 * error names the original error's class and message.
 */
public final class TaskError extends RuntimeException {

	private static final long serialVersionUID = 1L;

	TaskError(Throwable error) {
		super(error.toString(), error);
	}

}
