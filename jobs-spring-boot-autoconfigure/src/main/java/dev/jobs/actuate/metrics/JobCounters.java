package dev.jobs.actuate.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.execution.Outcome;
import dev.jobs.core.port.JobObserver;

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

	@Override
	public void enqueued(JobEnvelope envelope) {
		this.enqueued.increment();
	}

	@Override
	public void settled(String queue, String task, Outcome outcome, Duration duration) {
		switch (OutcomeTags.of(outcome)) {
			case OutcomeTags.SUCCESS -> this.succeeded.increment();
			case OutcomeTags.RETRY -> this.retried.increment();
			case OutcomeTags.FAILURE -> this.failed.increment();
			case OutcomeTags.EXPIRED -> this.expired.increment();
			default -> this.dead.increment();
		}
	}

	/**
	 * The counts so far.
	 * @return the totals
	 */
	public Totals totals() {
		return new Totals(this.enqueued.sum(), this.succeeded.sum(), this.retried.sum(), this.failed.sum(),
				this.dead.sum(), this.expired.sum());
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
	 */
	public record Totals(long enqueued, long succeeded, long retried, long failed, long dead, long expired) {

	}

}
