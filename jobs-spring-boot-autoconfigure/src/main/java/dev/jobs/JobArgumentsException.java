package dev.jobs;

/**
 * Thrown at enqueue when the arguments do not fit the task: a wrong count, or a value that
 * cannot be written as JSON by the parameter's declared type.
 */
public class JobArgumentsException extends JobsException {

	private static final long serialVersionUID = 1L;

	public JobArgumentsException(String message) {
		super(message);
	}

	public JobArgumentsException(String message, Throwable cause) {
		super(message, cause);
	}

}
