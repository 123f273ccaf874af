package dev.jobs.core.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import dev.jobs.core.task.RateLimit;
import dev.jobs.core.port.RateLimiter;

/**
 * Rate limits of {@code rate-limit-scope: worker}: the same algorithm as the Redis bucket, kept
 * in this instance's memory, so each instance has the whole rate to itself.
 */
public final class LocalRateLimiter implements RateLimiter {

	/** Past this many keys, the keys whose budgets are full again are dropped. */
	static final int SWEEP_ABOVE = 10_000;

	private final Map<String, Cell> cells = new ConcurrentHashMap<>();

	private final LongSupplier nanoTime;

	/** A limiter on the JVM's monotonic clock. */
	public LocalRateLimiter() {
		this(System::nanoTime);
	}

	LocalRateLimiter(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	@Override
	public Duration reserve(String key, Duration interval, Duration tolerance) {
		long now = this.nanoTime.getAsLong();
		if (this.cells.size() > SWEEP_ABOVE) {
			// A key whose next slot has come is as good as a new one: forgetting it changes nothing.
			this.cells.values().removeIf((cell) -> cell.isFullAt(now));
		}
		return this.cells.computeIfAbsent(key, (ignored) -> new Cell())
			.reserve(now, interval.toNanos(), tolerance.toNanos());
	}

	/**
	 * How many keys are kept.
	 * @return the number of keys
	 */
	int keys() {
		return this.cells.size();
	}

	/**
	 * Takes the next slot of a key's budget of the given rate.
	 * @param key the budget's key
	 * @param limit the rate
	 * @return how long until the slot
	 */
	Duration reserve(String key, RateLimit limit) {
		return reserve(key, limit.interval(), limit.tolerance());
	}

	/** The theoretical arrival time of the next job of one key. */
	private static final class Cell {

		private long nextAt = Long.MIN_VALUE;

		synchronized boolean isFullAt(long now) {
			return this.nextAt <= now;
		}

		synchronized Duration reserve(long now, long interval, long tolerance) {
			long next = Math.max(this.nextAt, now);
			long allowedAt = next - tolerance;
			this.nextAt = next + interval;
			return (allowedAt <= now) ? Duration.ZERO : Duration.ofNanos(allowedAt - now);
		}

	}

}
