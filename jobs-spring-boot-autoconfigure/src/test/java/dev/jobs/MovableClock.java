package dev.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock in UTC that a test moves by hand, and clocks that run a fixed offset ahead of or
 * behind it, as the clocks of several instances would. Safe to read from other threads (a
 * context's scheduler, for one).
 */
public final class MovableClock extends Clock {

	private final MovableClock base;

	private final Duration offset;

	private volatile Instant now;

	/**
	 * A clock that stands at this instant until moved.
	 * @param now the instant
	 */
	public MovableClock(Instant now) {
		this.base = null;
		this.offset = Duration.ZERO;
		this.now = now;
	}

	private MovableClock(MovableClock base, Duration offset) {
		this.base = base;
		this.offset = offset;
	}

	/**
	 * A clock that follows this one, some way off it.
	 * @param offset how far ahead (positive) or behind (negative)
	 * @return the clock
	 */
	public MovableClock offset(Duration offset) {
		return new MovableClock(this, offset);
	}

	/**
	 * Moves this clock forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		set(instant().plus(duration));
	}

	/**
	 * Moves this clock to an instant.
	 * @param now the instant
	 */
	public void set(Instant now) {
		if (this.base != null) {
			throw new IllegalStateException("Move the clock this one follows");
		}
		this.now = now;
	}

	@Override
	public Instant instant() {
		return (this.base != null) ? this.base.instant().plus(this.offset) : this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
