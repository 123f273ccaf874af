package dev.jobs.core.retry;

import java.time.Duration;

/**
 * What to do after a failed attempt.
 */
public sealed interface RetryDecision {

	/**
	 * Try again after a wait.
	 * @param delay the wait
	 */
	record Retry(Duration delay) implements RetryDecision {
	}

	/**
	 * Fail for good.
	 * @param reason why no retry: the attempts are used up, or the error is not retryable
	 */
	record GiveUp(GiveUpReason reason) implements RetryDecision {
	}

	/**
	 * Why a failed job is not retried.
	 */
	enum GiveUpReason {

		/** The policy's attempts are used up. */
		RETRIES_EXHAUSTED,

		/** The error is of a kind the policy never retries, or the task threw DiscardJob. */
		NOT_RETRYABLE

	}

}
