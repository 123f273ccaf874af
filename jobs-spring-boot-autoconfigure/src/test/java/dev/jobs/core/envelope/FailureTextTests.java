package dev.jobs.core.envelope;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failure text is what an operator reads in a result record or a dead letter: bounded, and
 * never a second failure while reporting the first.
 */
class FailureTextTests {

	@Test
	void messageOfAnExceptionWhoseGetMessageThrowsStillYieldsText() {
		String message = FailureText.message(new HostileException());

		assertThat(message).isNotBlank().contains("getMessage()");
	}

	@Test
	void stackTraceOfAnExceptionWhoseGetMessageThrowsStillYieldsText() {
		assertThat(FailureText.stackTrace(new HostileException())).isNotBlank();
	}

	@Test
	void messageIsCappedAndMarkedWhereItWasCut() {
		String message = FailureText.message(new IllegalStateException("m".repeat(1024 * 1024)));

		assertThat(message).hasSize(FailureText.MAX_MESSAGE).startsWith("mmm").endsWith("(truncated)");
	}

	@Test
	void shortMessageIsKeptWhole() {
		assertThat(FailureText.message(new IllegalStateException("order 42 has no lines")))
			.isEqualTo("order 42 has no lines");
	}

	@Test
	void missingMessageIsEmpty() {
		assertThat(FailureText.message(new IllegalStateException())).isEmpty();
	}

	@Test
	void stackTraceOfTenThousandFramesIsCappedAndStartsWithTheException() {
		String trace = FailureText.stackTrace(deepException("boom"));

		assertThat(trace).hasSizeLessThanOrEqualTo(FailureText.MAX_STACK)
			.startsWith(IllegalStateException.class.getName() + ": boom")
			.contains("at dev.jobs.Deep.frame0(")
			.endsWith("(truncated)");
	}

	@Test
	void capsToFewerCharactersThanTheTruncationMarker() {
		assertThat(FailureText.cap("abcdefghijklmnopqrstuvwxyz", 5)).hasSizeLessThanOrEqualTo(5);
		assertThat(FailureText.cap("abcdefghijklmnopqrstuvwxyz", 0)).isEmpty();
	}

	@Test
	void capKeepsTextThatFitsAndTurnsNullIntoEmpty() {
		assertThat(FailureText.cap("fits", 4)).isEqualTo("fits");
		assertThat(FailureText.cap(null, 10)).isEmpty();
	}

	/**
	 * An exception with a stack of ten thousand frames, as deep recursion leaves.
	 */
	static IllegalStateException deepException(String message) {
		IllegalStateException exception = new IllegalStateException(message);
		StackTraceElement[] frames = new StackTraceElement[10_000];
		for (int i = 0; i < frames.length; i++) {
			frames[i] = new StackTraceElement("dev.jobs.Deep", "frame" + i, "Deep.java", i + 1);
		}
		exception.setStackTrace(frames);
		return exception;
	}

	/**
	 * An exception whose message cannot be read, as some library exceptions that format lazily.
	 */
	static class HostileException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		@Override
		public String getMessage() {
			throw new IllegalStateException("formatting the message failed");
		}

	}

}
