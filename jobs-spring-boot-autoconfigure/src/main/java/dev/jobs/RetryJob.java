package dev.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * Thrown from a task to have the job tried again after a given countdown, whatever its retry
 * policy's backoff says. The attempt counts toward the policy's {@code max-attempts}; once they
 * are used up, the job fails for good.
 *
 * <pre>{@code
 * catch (GatewayTimeout ex) {
 *     throw RetryJob.after(Duration.ofSeconds(60), ex);
 * }
 * }</pre>
 */
public final class RetryJob extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** How long to wait before the next attempt. */
	private final Duration delay;

	private RetryJob(Duration delay, Throwable cause) {
		super("retry in " + delay + ((cause != null) ? " after " + cause : ""), cause);
		this.delay = delay;
	}

	/**
	 * Retry after a countdown.
	 * @param delay how long to wait before the next attempt; zero or positive
	 * @return the exception to throw
	 */
	public static RetryJob after(Duration delay) {
		return after(delay, null);
	}

	/**
	 * Retry after a countdown, recording why.
	 * @param delay how long to wait before the next attempt; zero or positive
	 * @param cause what went wrong in this attempt, or {@code null}
	 * @return the exception to throw
	 */
	public static RetryJob after(Duration delay, Throwable cause) {
		Objects.requireNonNull(delay, "delay must not be null");
		if (delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative, got " + delay);
		}
		return new RetryJob(delay, cause);
	}

	/**
	 * The countdown before the next attempt.
	 * @return the delay
	 */
	public Duration getDelay() {
		return this.delay;
	}

}
