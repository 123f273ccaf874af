package dev.jobs;

/**
 * Thrown at enqueue when the arguments do not fit the task: a wrong count, or a value that
 * cannot be written as JSON by the parameter's declared type.
 */
public class JobArgumentsException extends JobsException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message the detail message
	 */
	public JobArgumentsException(String message) {
		super(message);
	}

	/**
	 * Creates the exception.
	 * @param message the detail message
	 * @param cause the cause
	 */
	public JobArgumentsException(String message, Throwable cause) {
		super(message, cause);
	}

}
