package dev.jobs.actuate.metrics;

import java.util.concurrent.atomic.LongAdder;

import dev.jobs.core.port.EnqueuedJob;
import dev.jobs.core.port.JobObserver;
import dev.jobs.core.port.SettledDelivery;

/**
 * Counts what this instance did since it started, for the Actuator endpoint's totals. Works
 * without Micrometer.
 */
public final class JobCounters implements JobObserver {

	private final LongAdder enqueued = new LongAdder();

	private final LongAdder succeeded = new LongAdder();

	private final LongAdder retried = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder dead = new LongAdder();

	private final LongAdder expired = new LongAdder();

	private final LongAdder deferred = new LongAdder();

	private final LongAdder skipped = new LongAdder();

	private final LongAdder deduplicated = new LongAdder();

	private final LongAdder givenBack = new LongAdder();

	private final LongAdder cancelled = new LongAdder();

	@Override
	public void enqueued(EnqueuedJob job) {
		this.enqueued.increment();
	}

	@Override
	public void settled(SettledDelivery delivery) {
		LongAdder counter = switch (delivery.kind()) {
			case SUCCEEDED -> this.succeeded;
			case RETRY_SCHEDULED -> this.retried;
			case FAILED -> this.failed;
			case REJECTED -> this.dead;
			case EXPIRED -> this.expired;
			case DEFERRED -> this.deferred;
			case SKIPPED -> this.skipped;
			case DEDUPLICATED -> this.deduplicated;
			case GIVEN_BACK -> this.givenBack;
			case CANCELLED -> this.cancelled;
		};
		counter.increment();
	}

	/**
	 * The counts so far.
	 * @return the totals
	 */
	public Totals totals() {
		return new Totals(this.enqueued.sum(), this.succeeded.sum(), this.retried.sum(), this.failed.sum(),
				this.dead.sum(), this.expired.sum(), this.deferred.sum(), this.skipped.sum(), this.deduplicated.sum(),
				this.givenBack.sum(), this.cancelled.sum());
	}

	/**
	 * What this instance did since it started.
	 *
	 * @param enqueued jobs enqueued here and confirmed by the broker
	 * @param succeeded deliveries whose task returned
	 * @param retried deliveries whose task failed with another attempt scheduled
	 * @param failed deliveries whose task failed for good (dead-lettered)
	 * @param dead deliveries dead-lettered without running: malformed, unknown task, wrong
	 * arguments
	 * @param expired deliveries not run because the job had expired
	 * @param deferred deliveries put off by a guard (lock or idempotency key held), to run later
	 * @param skipped deliveries a guard ended without running (lock held, {@code SKIP})
	 * @param deduplicated deliveries that ended with an earlier job's result (same idempotency
	 * key), without running
	 * @param givenBack deliveries interrupted by shutdown and given back to their queue, to run
	 * again
	 * @param cancelled deliveries of cancelled jobs: not run, or interrupted
	 */
	public record Totals(long enqueued, long succeeded, long retried, long failed, long dead, long expired,
			long deferred, long skipped, long deduplicated, long givenBack, long cancelled) {

	}

}
