package dev.jobs.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The clock the engine runs on in test mode: it starts at the moment the test's context is
 * created and moves only when the test moves it, so a delay, a retry's backoff, an expiry or a
 * rate limit is due exactly when the test says, and never because the machine was slow. It
 * never moves back: a job record or a schedule slot written at one time is never followed by
 * one from before it.
 */
public final class VirtualClock extends Clock {

	private volatile Instant now;

	/**
	 * A clock standing at the given instant.
	 * @param start where it starts
	 */
	public VirtualClock(Instant start) {
		// Whole milliseconds, as job envelopes and records carry them: a due time read back from
		// a message then equals the one this clock gave.
		this.now = start.truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * A clock standing at the system's current time.
	 * @return the clock
	 */
	public static VirtualClock startingNow() {
		return new VirtualClock(Instant.now());
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		// Times are instants in the engine; a zoned view of this clock would not follow it.
		throw new UnsupportedOperationException("The jobs test clock runs in UTC only");
	}

	/**
	 * Moves the clock on. Runs nothing: {@link JobsTestHarness#advance(Duration)} moves it and
	 * runs what falls due.
	 * @param duration how far, zero or positive
	 * @return the new time
	 * @throws IllegalArgumentException if the duration is negative
	 */
	public synchronized Instant advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("The jobs test clock never moves back; got " + duration);
		}
		this.now = this.now.plus(duration);
		return this.now;
	}

	/**
	 * Moves the clock on to an instant, or leaves it where it is if it is there or past it.
	 * @param instant where to
	 * @return the new time
	 */
	public synchronized Instant advanceTo(Instant instant) {
		if (instant.isAfter(this.now)) {
			this.now = instant;
		}
		return this.now;
	}

	@Override
	public String toString() {
		return "VirtualClock[" + this.now + "]";
	}

}
