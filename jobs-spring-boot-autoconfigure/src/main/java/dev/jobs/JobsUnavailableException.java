package dev.jobs;

/**
 * Thrown by an enqueue that could not be confirmed: the broker is unreachable, refused the
 * message, or did not confirm it within {@code jobs.publish.confirm-timeout}. The job may not
 * have been accepted, so the caller must treat it as not enqueued (and may try again; give
 * the job an idempotency key if a duplicate would matter).
 */
public class JobsUnavailableException extends JobsException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message the detail message
	 * @param cause the cause
	 */
	public JobsUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Creates the exception.
	 * @param message the detail message
	 */
	public JobsUnavailableException(String message) {
		super(message);
	}

}
