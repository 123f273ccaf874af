package dev.jobs.core.envelope;

/**
 * A job whose arguments do not fit its task's parameters: the wrong count, or a value that
 * does not bind to the declared type. It can never run, so it is dead-lettered at once.
 */
public class ArgumentMismatchException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ArgumentMismatchException(String message) {
		super(message);
	}

	public ArgumentMismatchException(String message, Throwable cause) {
		super(message, cause);
	}

}
