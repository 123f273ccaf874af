package dev.jobs.core.envelope;

/**
 * A message body that is not a job of a protocol version this code reads. The message can
 * never be run, so the worker dead-letters it at once.
 */
public class MalformedJobException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message the detail message
	 */
	public MalformedJobException(String message) {
		super(message);
	}

	/**
	 * Creates the exception.
	 * @param message the detail message
	 * @param cause the cause
	 */
	public MalformedJobException(String message, Throwable cause) {
		super(message, cause);
	}

}
