package dev.jobs;

/**
 * Base class of the exceptions this library throws to its callers.
 */
public abstract class JobsException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	protected JobsException(String message) {
		super(message);
	}

	protected JobsException(String message, Throwable cause) {
		super(message, cause);
	}

}
