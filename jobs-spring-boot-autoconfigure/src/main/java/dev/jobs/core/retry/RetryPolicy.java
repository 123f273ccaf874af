package dev.jobs.core.retry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a task's failures are retried: how many attempts in all, how long to wait before each
 * retry, and which exceptions are worth retrying at all. Built once from
 * {@code jobs.retry.*} at start-up.
 *
 * @param name the policy name ({@code default} for {@code jobs.retry.default})
 * @param maxAttempts how many attempts in all, the first included; 1 means no retry
 * @param initialDelay the wait before the first retry
 * @param multiplier the factor each further wait grows by
 * @param maxDelay the longest wait
 * @param jitter whether each exponential wait is drawn at random between zero and its computed
 * value ("full jitter"), so that jobs that failed together do not retry together; explicit
 * {@code delays} are kept as written
 * @param delays explicit waits, one per retry, the last repeated; when not empty it replaces
 * the exponential backoff
 * @param retryOn exceptions worth retrying (with their subclasses, also as causes); empty
 * means every exception not in {@code noRetryOn}
 * @param noRetryOn exceptions never retried (with their subclasses, also as causes)
 */
public record RetryPolicy(String name, int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay,
		boolean jitter, List<Duration> delays, List<Class<? extends Throwable>> retryOn,
		List<Class<? extends Throwable>> noRetryOn) {

	/**
	 * Creates a {@code RetryPolicy}, checking its components.
	 * @param name the policy name ({@code default} for {@code jobs.retry.default})
	 * @param maxAttempts how many attempts in all, the first included; 1 means no retry
	 * @param initialDelay the wait before the first retry
	 * @param multiplier the factor each further wait grows by
	 * @param maxDelay the longest wait
	 * @param jitter whether each exponential wait is drawn at random between zero and its computed
	 * value ("full jitter"), so that jobs that failed together do not retry together; explicit
	 * {@code delays} are kept as written
	 * @param delays explicit waits, one per retry, the last repeated; when not empty it replaces
	 * the exponential backoff
	 * @param retryOn exceptions worth retrying (with their subclasses, also as causes); empty
	 * means every exception not in {@code noRetryOn}
	 * @param noRetryOn exceptions never retried (with their subclasses, also as causes)
	 */
	public RetryPolicy {
		delays = List.copyOf(delays);
		retryOn = List.copyOf(retryOn);
		noRetryOn = List.copyOf(noRetryOn);
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
		}
	}

	/**
	 * A policy that never retries.
	 * @param name the policy name
	 * @return the policy
	 */
	public static RetryPolicy none(String name) {
		return new RetryPolicy(name, 1, Duration.ZERO, 1, Duration.ZERO, false, List.of(), List.of(), List.of());
	}

	/**
	 * The wait before the attempt after the given one.
	 * @param failedAttempt the attempt that failed, 1 for the first
	 * @return the wait
	 */
	public Duration backoff(int failedAttempt) {
		Duration computed = computedBackoff(failedAttempt);
		if (!this.jitter || !this.delays.isEmpty() || computed.isZero()) {
			return computed;
		}
		return Duration.ofMillis(ThreadLocalRandom.current().nextLong(computed.toMillis() + 1));
	}

	private Duration computedBackoff(int failedAttempt) {
		if (!this.delays.isEmpty()) {
			return this.delays.get(Math.min(failedAttempt, this.delays.size()) - 1);
		}
		double millis = this.initialDelay.toMillis() * Math.pow(this.multiplier, failedAttempt - 1);
		return (millis >= this.maxDelay.toMillis()) ? this.maxDelay : Duration.ofMillis((long) millis);
	}

	/**
	 * Whether this policy retries an exception, by {@code retryOn} and {@code noRetryOn}.
	 * @param error what the task threw
	 * @return {@code true} if the exception is worth another attempt
	 */
	public boolean retries(Throwable error) {
		if (matches(this.noRetryOn, error)) {
			return false;
		}
		return this.retryOn.isEmpty() || matches(this.retryOn, error);
	}

	private static boolean matches(List<Class<? extends Throwable>> types, Throwable error) {
		for (Throwable cause = error; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			for (Class<? extends Throwable> type : types) {
				if (type.isInstance(cause)) {
					return true;
				}
			}
		}
		return false;
	}

}
