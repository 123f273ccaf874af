package dev.jobs.core.envelope;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A job whose arguments do not fit its task's parameters: the wrong count, or a value that
 * does not bind to the declared type. It can never run, so it is dead-lettered at once.
 *
 * <p>Its message names the task, the parameter, the declared type and the JSON type the message
 * carried, never the value: it is stored in the job's record and its dead letter and logged,
 * and an argument may be a secret. For the same reason it carries no cause (Jackson's message
 * quotes the value, and a dead letter keeps the stack trace with its causes).
 */
public class ArgumentMismatchException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message the detail message
	 */
	public ArgumentMismatchException(String message) {
		super(message);
	}

	/**
	 * Where inside an argument Jackson refused a value, without the value: the path of object
	 * properties and list positions, and the type it expected there. Map keys are data, so a
	 * step into a map shows as {@code {…}}.
	 * @param ex what Jackson threw
	 * @return {@code " (at .lines[1].quantity, expecting int)"}, or an empty string at the top
	 */
	static String where(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
			else if (reference.from() instanceof java.util.Map<?, ?> || reference.getPropertyName() == null) {
				path.append("{…}");
			}
			else {
				path.append('.').append(reference.getPropertyName());
			}
		}
		String expecting = (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null)
				? mismatch.getTargetType().getTypeName() : null;
		if (path.isEmpty()) {
			return "";
		}
		return " (at " + path + ((expecting != null) ? ", expecting " + expecting : "") + ")";
	}

}
