package dev.jobs;

/**
 * Thrown at enqueue when no task of the given name is known to this application: neither a
 * {@link BackgroundTask} method nor an entry under {@code jobs.tasks}.
 */
public class UnknownTaskException extends JobsException {

	private static final long serialVersionUID = 1L;

	private final String taskName;

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
