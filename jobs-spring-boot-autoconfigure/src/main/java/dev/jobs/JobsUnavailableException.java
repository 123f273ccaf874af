package dev.jobs;

/**
 * Thrown by an enqueue that could not be confirmed: the broker is unreachable, refused the
 * message, or did not confirm it within {@code jobs.publish.confirm-timeout}. The job may not
 * have been accepted, so the caller must treat it as not enqueued (and may try again; give
 * the job an idempotency key if a duplicate would matter).
 */
public class JobsUnavailableException extends JobsException {

	private static final long serialVersionUID = 1L;

	public JobsUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	public JobsUnavailableException(String message) {
		super(message);
	}

}
