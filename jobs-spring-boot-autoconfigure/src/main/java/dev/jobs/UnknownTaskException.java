package dev.jobs;

/**
 * Thrown at enqueue when no task of the given name is known to this application: neither a
 * {@link BackgroundTask} method nor an entry under {@code jobs.tasks}.
 */
public class UnknownTaskException extends JobsException {

	private static final long serialVersionUID = 1L;

	/** Name of the task that is not known. */
	private final String taskName;

	/**
	 * Creates the exception.
	 * @param taskName the unknown task's name
	 * @param message the detail message
	 */
	public UnknownTaskException(String taskName, String message) {
		super(message);
		this.taskName = taskName;
	}

	/**
	 * The name that matched no task.
	 * @return the task name
	 */
	public String getTaskName() {
		return this.taskName;
	}

}
