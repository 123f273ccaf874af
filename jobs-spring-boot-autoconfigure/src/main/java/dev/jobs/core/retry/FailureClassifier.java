package dev.jobs.core.retry;

import dev.jobs.DiscardJob;
import dev.jobs.FailureReason;
import dev.jobs.RetryJob;

/**
 * Decides, after a task threw, whether its job is retried and when:
 * <ol>
 * <li>{@link DiscardJob} fails the job for good at once;</li>
 * <li>an exception the policy does not retry ({@code no-retry-on}, or not in a non-empty
 * {@code retry-on}) fails it for good;</li>
 * <li>otherwise, if attempts are left, it is retried after {@link RetryJob#getDelay()} when the
 * task asked for one, else after the policy's backoff;</li>
 * <li>with no attempts left it fails for good.</li>
 * </ol>
 * Only exceptions thrown by the task come here; bad input never does.
 */
public final class FailureClassifier {

	/**
	 * The decision for one failed attempt.
	 * @param policy the task's retry policy
	 * @param attempt the attempt that failed, 1 for the first
	 * @param error what the task threw
	 * @return retry after a delay, or give up with a reason
	 */
	public RetryDecision classify(RetryPolicy policy, int attempt, Throwable error) {
		if (error instanceof DiscardJob) {
			return new RetryDecision.GiveUp(FailureReason.NOT_RETRYABLE);
		}
		boolean explicit = error instanceof RetryJob;
		if (!explicit && !policy.retries(error)) {
			return new RetryDecision.GiveUp(FailureReason.NOT_RETRYABLE);
		}
		if (attempt >= policy.maxAttempts()) {
			return new RetryDecision.GiveUp(FailureReason.RETRIES_EXHAUSTED);
		}
		return new RetryDecision.Retry(explicit ? ((RetryJob) error).getDelay() : policy.backoff(attempt));
	}

}
