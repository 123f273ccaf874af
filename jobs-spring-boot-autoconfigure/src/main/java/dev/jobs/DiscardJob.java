package dev.jobs;

/**
 * Thrown from a task to fail the job for good at once, without the retries its policy would
 * give: for errors no retry can fix, such as a declined payment or a deleted record. The job
 * goes to the dead-letter queue with this exception's message.
 */
public class DiscardJob extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message the detail message
	 */
	public DiscardJob(String message) {
		super(message);
	}

	/**
	 * Creates the exception.
	 * @param message the detail message
	 * @param cause the cause
	 */
	public DiscardJob(String message, Throwable cause) {
		super(message, cause);
	}

}
