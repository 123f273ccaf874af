package dev.jobs.core.envelope;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Turns an exception into the bounded text stored in result records and dead-letter headers.
 * Building it never throws, whatever the exception's {@code getMessage()} does.
 */
public final class FailureText {

	/** Longest message kept, in characters. */
	public static final int MAX_MESSAGE = 2_000;

	/** Longest stack trace kept, in characters. */
	public static final int MAX_STACK = 8_000;

	private FailureText() {
	}

	/**
	 * The exception's message, capped.
	 * @param error the exception
	 * @return the message, or an empty string
	 */
	public static String message(Throwable error) {
		try {
			return cap(error.getMessage(), MAX_MESSAGE);
		}
		catch (RuntimeException ex) {
			return "(getMessage() threw " + ex.getClass().getName() + ")";
		}
	}

	/**
	 * The exception's stack trace, capped.
	 * @param error the exception
	 * @return the trace, or a note that it could not be printed
	 */
	public static String stackTrace(Throwable error) {
		try {
			StringWriter out = new StringWriter();
			error.printStackTrace(new PrintWriter(out));
			return cap(out.toString(), MAX_STACK);
		}
		catch (RuntimeException ex) {
			return "(stack trace unavailable: " + ex.getClass().getName() + ")";
		}
	}

	/**
	 * A string cut to a length, marked where it was cut.
	 * @param text the text, or {@code null}
	 * @param max the longest result
	 * @return the text, capped; empty for {@code null}
	 */
	public static String cap(String text, int max) {
		if (text == null) {
			return "";
		}
		if (text.length() <= max) {
			return text;
		}
		String marker = "…(truncated)";
		return (max <= marker.length()) ? text.substring(0, Math.max(0, max))
				: text.substring(0, max - marker.length()) + marker;
	}

}
