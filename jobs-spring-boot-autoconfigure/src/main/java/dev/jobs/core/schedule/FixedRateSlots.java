package dev.jobs.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slots every {@code period}, aligned to the Unix epoch: {@code every: 5m} falls at :00, :05,
 * :10 and so on, on every instance, whenever it started. Aligning to an instance's start-up
 * instead would give each instance slots of its own.
 *
 * @param period the time between slots, at least one millisecond
 */
public record FixedRateSlots(Duration period) implements SlotSequence {

	/**
	 * Checks the period.
	 * @param period the time between slots
	 */
	public FixedRateSlots {
		if (period.toMillis() < 1) {
			throw new IllegalArgumentException("A schedule's period must be at least 1 ms, not " + period);
		}
	}

	@Override
	public Optional<Instant> next(Instant after) {
		long millis = this.period.toMillis();
		return Optional.of(Instant.ofEpochMilli(Math.floorDiv(after.toEpochMilli(), millis) * millis + millis));
	}

	@Override
	public Optional<Instant> latest(Instant after, Instant atOrBefore) {
		long millis = this.period.toMillis();
		Instant latest = Instant.ofEpochMilli(Math.floorDiv(atOrBefore.toEpochMilli(), millis) * millis);
		return latest.isAfter(after) ? Optional.of(latest) : Optional.empty();
	}

	@Override
	public long countBetween(Instant after, Instant before, long cap) {
		long millis = this.period.toMillis();
		long first = Math.floorDiv(after.toEpochMilli(), millis) + 1;
		long last = Math.floorDiv(before.toEpochMilli() - 1, millis);
		return Math.max(0, Math.min(cap, last - first + 1));
	}

	@Override
	public String describe() {
		return "every " + this.period;
	}

}
