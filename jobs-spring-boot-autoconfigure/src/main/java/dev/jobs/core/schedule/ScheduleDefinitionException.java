package dev.jobs.core.schedule;

/**
 * A schedule that cannot work as declared: start-up fails with this, naming the schedule, the
 * property or annotation at fault, and what to change.
 */
public class ScheduleDefinitionException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/**
	 * An exception with a message that names the schedule and the remedy.
	 * @param message the message
	 * @param cause the cause, or {@code null}
	 */
	public ScheduleDefinitionException(String message, Throwable cause) {
		super(message, cause);
	}

}
