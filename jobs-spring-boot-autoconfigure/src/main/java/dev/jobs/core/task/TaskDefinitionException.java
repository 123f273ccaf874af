package dev.jobs.core.task;

/**
 * A task that cannot work as declared: start-up fails with this, naming the task, the property
 * or annotation attribute at fault, and what to change. Two tasks of one name, a key expression
 * that does not parse, a rate that is not a rate, a cap out of range are all reported this way.
 */
public class TaskDefinitionException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/**
	 * An exception with a message that names the task and the remedy.
	 * @param message the message
	 * @param cause the cause, or {@code null}
	 */
	public TaskDefinitionException(String message, Throwable cause) {
		super(message, cause);
	}

}
