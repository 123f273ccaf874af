package dev.jobs.rabbit.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.jobs.core.envelope.FailureText;
import dev.jobs.core.port.DeadLetter;

/**
 * The fixed set of headers a dead letter carries, documented in {@code docs/protocol.md}. Their
 * total size is bounded well below RabbitMQ's default {@code frame_max} (128 KiB) so that a huge
 * exception message or stack trace can never make the dead letter itself unpublishable.
 */
public final class DeadLetterHeaders {

	/** Why the job was dead-lettered (a {@code FailureReason} name). */
	public static final String REASON = "x-jobs-reason";

	/** The job id, when the body could be read. */
	public static final String JOB_ID = "x-jobs-id";

	/** The task name, when known. */
	public static final String TASK = "x-jobs-task";

	/** The job queue the message came from. */
	public static final String QUEUE = "x-jobs-queue";

	/** How many attempts ran. */
	public static final String ATTEMPTS = "x-jobs-attempts";

	/** Class name of the final exception. */
	public static final String ERROR_TYPE = "x-jobs-error-type";

	/** The final error's message, or what was wrong with the input. */
	public static final String ERROR_MESSAGE = "x-jobs-error-message";

	/** A trimmed stack trace. */
	public static final String STACK_TRACE = "x-jobs-stack-trace";

	/** When the job's first attempt failed, ISO-8601. */
	public static final String FIRST_FAILED_AT = "x-jobs-first-failed-at";

	/** When the job was dead-lettered, ISO-8601. */
	public static final String FAILED_AT = "x-jobs-failed-at";

	/** Longest id, task or queue name kept, in characters: what an AMQP short string holds. */
	static final int MAX_NAME = 255;

	/** Budget for all header values together, in UTF-8 bytes. */
	static final int MAX_TOTAL_BYTES = 32 * 1024;

	private DeadLetterHeaders() {
	}

	/**
	 * The headers for a dead letter, with the stack trace shortened first and the message
	 * second if together they exceed the budget.
	 * @param letter the dead letter
	 * @return the headers, in a stable order
	 */
	public static Map<String, Object> of(DeadLetter letter) {
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put(REASON, letter.reason().name());
		putIfPresent(headers, JOB_ID, FailureText.cap(letter.jobId(), MAX_NAME));
		putIfPresent(headers, TASK, FailureText.cap(letter.task(), MAX_NAME));
		putIfPresent(headers, QUEUE, FailureText.cap(letter.queue(), MAX_NAME));
		headers.put(ATTEMPTS, letter.attempts());
		putIfPresent(headers, ERROR_TYPE, FailureText.cap(letter.errorType(), 512));
		String message = FailureText.cap(letter.errorMessage(), FailureText.MAX_MESSAGE);
		String stack = FailureText.cap(letter.stackTrace(), FailureText.MAX_STACK);
		int fixed = utf8Length(headers.toString()) + 64;
		int room = MAX_TOTAL_BYTES - fixed - utf8Length(message);
		if (utf8Length(stack) > room) {
			stack = FailureText.cap(stack, Math.max(0, room / 4));
		}
		headers.put(ERROR_MESSAGE, message);
		putIfPresent(headers, STACK_TRACE, stack.isEmpty() ? null : stack);
		headers.put(FIRST_FAILED_AT, letter.firstFailedAt().toString());
		headers.put(FAILED_AT, letter.failedAt().toString());
		return headers;
	}

	private static void putIfPresent(Map<String, Object> headers, String name, String value) {
		if (value != null && !value.isEmpty()) {
			headers.put(name, value);
		}
	}

	private static int utf8Length(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

}
