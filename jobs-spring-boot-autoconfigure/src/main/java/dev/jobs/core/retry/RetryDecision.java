package dev.jobs.core.retry;

import java.time.Duration;

import dev.jobs.FailureReason;

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
	record GiveUp(FailureReason reason) implements RetryDecision {
	}

}
