package dev.jobs.rabbit.deadletter;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import com.rabbitmq.client.impl.Frame;
import org.junit.jupiter.api.Test;

import dev.jobs.FailureReason;
import dev.jobs.core.envelope.FailureText;
import dev.jobs.core.port.DeadLetter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dead-letter headers carry what an operator needs, and always fit in one frame: a dead letter
 * that the broker refuses would leave its job looping instead of parked.
 */
class DeadLetterHeadersTests {

	/** RabbitMQ's default {@code frame_max}. */
	private static final long FRAME_MAX = 131_072;

	private static final Instant FAILED_AT = Instant.parse("2026-11-27T20:15:30.123Z");

	@Test
	void carriesEveryFieldOfTheDeadLetter() {
		Map<String, Object> headers = DeadLetterHeaders.of(DeadLetter.of(new byte[0], FailureReason.NOT_RETRYABLE, "critical", FAILED_AT)
			.job("0193a4f2-6c1e-7b3a-9f00-2c4d5e6f7a8b", "send-webhook")
			.attempts(5)
			.error("java.io.IOException", "connection reset", "java.io.IOException: connection reset\n\tat x.y(Z.java:1)"));

		assertThat(headers).containsEntry(DeadLetterHeaders.REASON, "NOT_RETRYABLE")
			.containsEntry(DeadLetterHeaders.JOB_ID, "0193a4f2-6c1e-7b3a-9f00-2c4d5e6f7a8b")
			.containsEntry(DeadLetterHeaders.TASK, "send-webhook")
			.containsEntry(DeadLetterHeaders.QUEUE, "critical")
			.containsEntry(DeadLetterHeaders.ATTEMPTS, 5)
			.containsEntry(DeadLetterHeaders.ERROR_TYPE, "java.io.IOException")
			.containsEntry(DeadLetterHeaders.ERROR_MESSAGE, "connection reset")
			.containsEntry(DeadLetterHeaders.STACK_TRACE, "java.io.IOException: connection reset\n\tat x.y(Z.java:1)")
			.containsEntry(DeadLetterHeaders.FAILED_AT, "2026-11-27T20:15:30.123Z");
	}

	@Test
	void leavesOutWhatAnUnreadableMessageDoesNotHave() {
		Map<String, Object> headers = DeadLetterHeaders.of(DeadLetter.of(new byte[] { 1 }, FailureReason.MALFORMED, "critical", FAILED_AT)
			.error("dev.jobs.core.envelope.MalformedJobException", "empty message body", null));

		assertThat(headers).doesNotContainKeys(DeadLetterHeaders.JOB_ID, DeadLetterHeaders.TASK,
				DeadLetterHeaders.STACK_TRACE);
		assertThat(headers).containsEntry(DeadLetterHeaders.REASON, "MALFORMED")
			.containsEntry(DeadLetterHeaders.ATTEMPTS, 0);
	}

	@Test
	void aOneMegabyteMessageAndATenThousandFrameStackTraceFitTheBudget() throws Exception {
		RuntimeException error = deepException("x".repeat(1024 * 1024));

		Map<String, Object> headers = DeadLetterHeaders.of(letter("send-webhook", error));

		assertFits(headers);
		assertThat((String) headers.get(DeadLetterHeaders.ERROR_MESSAGE)).startsWith("xxx");
		assertThat((String) headers.get(DeadLetterHeaders.STACK_TRACE))
			.startsWith(IllegalStateException.class.getName());
	}

	@Test
	void multiByteTextStillFitsTheBudgetInBytes() throws Exception {
		RuntimeException error = deepException("€漢".repeat(512 * 1024));

		assertFits(DeadLetterHeaders.of(letter("send-webhook", error)));
	}

	@Test
	void exceptionWhoseGetMessageThrowsStillMakesHeaders() throws Exception {
		RuntimeException error = new RuntimeException() {

			private static final long serialVersionUID = 1L;

			@Override
			public String getMessage() {
				throw new IllegalStateException("formatting the message failed");
			}

		};

		Map<String, Object> headers = DeadLetterHeaders.of(letter("send-webhook", error));

		assertThat((String) headers.get(DeadLetterHeaders.ERROR_MESSAGE)).isNotBlank();
		assertFits(headers);
	}

	/**
	 * A hostile or broken producer can send any task name and job id; the worker dead-letters
	 * such a message as UNKNOWN_TASK with that name in the headers.
	 */
	@Test
	void aHugeTaskNameAndJobIdFromAHostileMessageStillFitTheBudget() throws Exception {
		String task = "t".repeat(200_000);
		DeadLetter letter = DeadLetter.of(new byte[0], FailureReason.UNKNOWN_TASK, "critical", FAILED_AT)
			.job("i".repeat(50_000), task)
			.error("dev.jobs.UnknownTaskException", FailureText.message(new IllegalStateException("No task named '" + task + "'")), FailureText.stackTrace(deepException("No task named '" + task + "'")));

		assertFits(DeadLetterHeaders.of(letter));
	}

	private static DeadLetter letter(String task, Throwable error) {
		return DeadLetter.of(new byte[0], FailureReason.NOT_RETRYABLE, "critical", FAILED_AT)
			.job("0193a4f2-6c1e-7b3a-9f00-2c4d5e6f7a8b", task)
			.attempts(3)
			.error(error.getClass().getName(), FailureText.message(error), FailureText.stackTrace(error));
	}

	private static void assertFits(Map<String, Object> headers) throws UnsupportedEncodingException {
		long total = 0;
		for (Map.Entry<String, Object> header : headers.entrySet()) {
			total += utf8Length(header.getKey()) + utf8Length(String.valueOf(header.getValue()));
		}
		assertThat(total).isLessThanOrEqualTo(DeadLetterHeaders.MAX_TOTAL_BYTES);
		assertThat(Frame.tableSize(headers)).isLessThanOrEqualTo(FRAME_MAX / 2);
	}

	private static int utf8Length(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	private static IllegalStateException deepException(String message) {
		IllegalStateException exception = new IllegalStateException(message);
		StackTraceElement[] frames = new StackTraceElement[10_000];
		for (int i = 0; i < frames.length; i++) {
			frames[i] = new StackTraceElement("dev.jobs.Deep", "frame" + i, "Deep.java", i + 1);
		}
		exception.setStackTrace(frames);
		return exception;
	}

}
