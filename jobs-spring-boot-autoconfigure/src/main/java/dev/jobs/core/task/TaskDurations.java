package dev.jobs.core.task;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations annotation attributes give as text: a whole number with a unit
 * ({@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}), as in
 * {@code application.yml}, or ISO-8601 ({@code PT10M}).
 */
final class TaskDurations {

	private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)");

	private TaskDurations() {
	}

	/**
	 * Parses a positive duration.
	 * @param text the text
	 * @param origin where it was given, for messages
	 * @return the duration
	 * @throws IllegalArgumentException if it is not a positive duration in either form
	 */
	static Duration parse(String text, String origin) {
		Duration duration = read(text.trim());
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(origin + ": '" + text + "' is not a positive duration; write it as"
					+ " 30s, 10m, 2h or PT10M");
		}
		return duration;
	}

	private static Duration read(String text) {
		Matcher simple = SIMPLE.matcher(text);
		if (simple.matches()) {
			long amount = Long.parseLong(simple.group(1));
			return switch (simple.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			};
		}
		try {
			return Duration.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
