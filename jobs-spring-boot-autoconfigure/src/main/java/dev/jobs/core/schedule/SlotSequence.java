package dev.jobs.core.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * When a schedule's slots fall, as instants. Every instance computes the same instants from the
 * same definition, whatever its zone or its clock, which is what lets them agree on a slot
 * without talking to each other: the slot's instant names it in Redis and in its job id.
 */
public sealed interface SlotSequence permits CronSlots, FixedRateSlots {

	/**
	 * The first slot strictly after an instant.
	 * @param after the instant
	 * @return the next slot, or empty if the expression never matches again
	 */
	Optional<Instant> next(Instant after);

	/**
	 * The latest slot in a window.
	 * @param after the window's start, excluded
	 * @param atOrBefore the window's end, included
	 * @return the latest slot in the window, or empty if none falls in it
	 */
	Optional<Instant> latest(Instant after, Instant atOrBefore);

	/**
	 * How many slots fall strictly between two instants, counted up to a cap.
	 * @param after the start, excluded
	 * @param before the end, excluded
	 * @param cap the most to count
	 * @return the count, at most {@code cap}
	 */
	long countBetween(Instant after, Instant before, long cap);

	/**
	 * The definition, for Actuator and messages.
	 * @return such as {@code cron 0 0 8 * * * (Europe/Paris)} or {@code every PT5M}
	 */
	String describe();

}
