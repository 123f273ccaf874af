package dev.jobs.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

import org.springframework.scheduling.support.CronExpression;

/**
 * Slots where a cron expression matches in a zone: Spring's six fields (second, minute, hour,
 * day of month, month, day of week) or a macro such as {@code @daily}. The expression is read
 * in local time and each match becomes an instant. A change to or from daylight saving time
 * neither repeats a slot nor loses one, where Spring's {@link CronExpression} alone would do
 * both: a local time that happens twice (clocks going back) is one slot, its first occurrence,
 * unless the expression fires within every hour anyway; local times that do not happen (clocks
 * going forward) become one slot at the first moment after the gap.
 *
 * @param expression the parsed expression
 * @param source the expression as written
 * @param zone the zone it is read in
 */
public record CronSlots(CronExpression expression, String source, ZoneId zone) implements SlotSequence {

	/** The most matches walked in one search; past it a search starts again from a day back. */
	private static final int WALK_LIMIT = 200_000;

	/**
	 * Parses an expression.
	 * @param expression the cron expression or macro
	 * @param zone the zone it is read in
	 * @return the slots
	 * @throws IllegalArgumentException if the expression does not parse
	 */
	public static CronSlots parse(String expression, ZoneId zone) {
		return new CronSlots(CronExpression.parse(expression), expression, zone);
	}

	@Override
	public Optional<Instant> next(Instant after) {
		Instant from = after;
		while (true) {
			ZonedDateTime match = this.expression.next(from.atZone(this.zone));
			ZoneOffsetTransition transition = this.zone.getRules().nextTransition(after);
			if (transition != null && transition.isGap()
					&& (match == null || !transition.getInstant().isAfter(match.toInstant()))
					&& matchesLocalTimeIn(transition.getDateTimeBefore(), transition.getDateTimeAfter())) {
				return Optional.of(transition.getInstant());
			}
			if (match == null) {
				return Optional.empty();
			}
			if (!isRepeat(match)) {
				return Optional.of(match.toInstant());
			}
			from = match.toInstant();
		}
	}

	/**
	 * Whether a match is the second occurrence of a local time that happens twice (the hour
	 * when clocks go back) and only matches because of it: an expression that fires within the
	 * hour after that local time anyway (an hourly one, say) keeps both, as their instants are
	 * an hour apart like every other pair.
	 */
	private boolean isRepeat(ZonedDateTime match) {
		ZoneOffsetTransition transition = this.zone.getRules().getTransition(match.toLocalDateTime());
		if (transition == null || !transition.isOverlap() || !match.getOffset().equals(transition.getOffsetAfter())) {
			return false;
		}
		LocalDateTime local = match.toLocalDateTime();
		return !matchesLocalTimeIn(local.plusSeconds(1), local.plus(transition.getDuration().negated()).plusSeconds(1));
	}

	/** Whether the expression matches a local time in [from, until), whatever the zone's offsets. */
	private boolean matchesLocalTimeIn(LocalDateTime from, LocalDateTime until) {
		ZonedDateTime match = this.expression.next(from.minusSeconds(1).atZone(ZoneOffset.UTC));
		return match != null && match.toLocalDateTime().isBefore(until);
	}

	/**
	 * Walks the matches forward from {@code after}; cron has no backward search. A walk that
	 * would pass {@value #WALK_LIMIT} matches (a long downtime under an every-second
	 * expression) starts again one day before the end, which holds at most 86,400 matches.
	 */
	@Override
	public Optional<Instant> latest(Instant after, Instant atOrBefore) {
		Optional<Instant> found = walk(after, atOrBefore);
		if (found == null) {
			Instant dayBack = atOrBefore.minus(Duration.ofDays(1));
			found = walk(dayBack.isAfter(after) ? dayBack : after, atOrBefore);
		}
		return (found != null) ? found : Optional.empty();
	}

	/** The latest match in the window, empty if none, {@code null} if the walk limit was hit. */
	private Optional<Instant> walk(Instant after, Instant atOrBefore) {
		Instant latest = null;
		Optional<Instant> next = next(after);
		for (int walked = 0; next.isPresent() && !next.get().isAfter(atOrBefore); walked++) {
			if (walked == WALK_LIMIT) {
				return null;
			}
			latest = next.get();
			next = next(latest);
		}
		return Optional.ofNullable(latest);
	}

	@Override
	public long countBetween(Instant after, Instant before, long cap) {
		long count = 0;
		Optional<Instant> next = next(after);
		while (count < cap && next.isPresent() && next.get().isBefore(before)) {
			count++;
			next = next(next.get());
		}
		return count;
	}

	@Override
	public String describe() {
		return "cron " + this.source + " (" + this.zone + ")";
	}

}
