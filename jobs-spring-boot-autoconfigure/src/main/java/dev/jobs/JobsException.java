package dev.jobs;

/**
 * Base class of the exceptions this library throws to its callers.
 */
public abstract class JobsException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message the detail message
	 */
	protected JobsException(String message) {
		super(message);
	}

	/**
	 * Creates the exception.
	 * @param message the detail message
	 * @param cause the cause
	 */
	protected JobsException(String message, Throwable cause) {
		super(message, cause);
	}

}
