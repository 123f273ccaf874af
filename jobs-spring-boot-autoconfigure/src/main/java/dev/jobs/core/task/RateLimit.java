package dev.jobs.core.task;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rate: at most {@code limit} jobs per {@code period}, evenly spaced, with up to {@code burst}
 * of them at once after a quiet spell. Written {@code 10/m}, {@code 5/s}, {@code 1000/h} or
 * {@code 100/5m} ({@code jobs.tasks.<name>.rate-limit}, {@code @BackgroundTask(rateLimit)}).
 *
 * <p>It is a generic cell rate algorithm (a token bucket without a refill timer): a job may
 * start every {@link #interval()}, and up to {@code burst} intervals of unused budget are kept.
 * So in any span of length {@code period} at most {@code limit + burst - 1} jobs start.
 *
 * @param limit how many jobs per period, at least 1
 * @param period the period
 * @param burst how many may start at once after a quiet spell, at least 1
 */
public record RateLimit(int limit, Duration period, int burst) {

	private static final Pattern TEXT = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d*)\\s*(ms|s|m|h|d)\\s*");

	/**
	 * Creates a {@code RateLimit}, checking its components.
	 * @param limit how many jobs per period, at least 1
	 * @param period the period
	 * @param burst how many may start at once after a quiet spell, at least 1
	 */
	public RateLimit {
		if (limit < 1) {
			throw new IllegalArgumentException("a rate limit allows at least 1 job per period, got " + limit);
		}
		if (period == null || period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException("the period of a rate limit must be positive, got " + period);
		}
		if (burst < 1) {
			throw new IllegalArgumentException("the burst of a rate limit is at least 1, got " + burst);
		}
	}

	/**
	 * Reads a rate such as {@code 10/m} or {@code 100/5m}, with a burst of 1.
	 * @param text the rate
	 * @param origin where it was given, for messages
	 * @return the rate
	 * @throws IllegalArgumentException if it is not a rate
	 */
	public static RateLimit parse(String text, String origin) {
		Matcher matcher = TEXT.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException(origin + ": '" + text + "' is not a rate; write it as 10/s, 10/m,"
					+ " 10/h or 100/5m (jobs per period)");
		}
		long count = matcher.group(2).isEmpty() ? 1 : Long.parseLong(matcher.group(2));
		Duration unit = switch (matcher.group(3)) {
			case "ms" -> Duration.ofMillis(1);
			case "s" -> Duration.ofSeconds(1);
			case "m" -> Duration.ofMinutes(1);
			case "h" -> Duration.ofHours(1);
			default -> Duration.ofDays(1);
		};
		try {
			return new RateLimit(Integer.parseInt(matcher.group(1)), unit.multipliedBy(count), 1);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(origin + ": '" + text + "': " + ex.getMessage(), ex);
		}
	}

	/**
	 * This rate with another burst.
	 * @param burst how many may start at once, at least 1
	 * @return the new rate
	 */
	public RateLimit withBurst(int burst) {
		return new RateLimit(this.limit, this.period, burst);
	}

	/**
	 * The time between two jobs at the steady rate.
	 * @return {@code period / limit}
	 */
	public Duration interval() {
		return this.period.dividedBy(this.limit);
	}

	/**
	 * How far ahead of its steady-rate time a job may start: {@code burst - 1} intervals.
	 * @return the tolerance
	 */
	public Duration tolerance() {
		return interval().multipliedBy(this.burst - 1L);
	}

	@Override
	public String toString() {
		return this.limit + "/" + this.period + ((this.burst > 1) ? " (burst " + this.burst + ")" : "");
	}

}
