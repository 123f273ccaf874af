package dev.jobs.actuate.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.execution.Outcome;
import dev.jobs.core.port.JobObserver;

/**
 * Records jobs in Micrometer as they are enqueued and settled:
 * <ul>
 * <li>{@code jobs.enqueued} (counter; tags {@code task}, {@code queue}): jobs confirmed by the
 * broker;</li>
 * <li>{@code jobs.completed} (counter; tags {@code task}, {@code queue}, {@code outcome}):
 * deliveries settled, {@code outcome} being one of {@link OutcomeTags};</li>
 * <li>{@code jobs.duration} (timer; tags {@code task}, {@code queue}): how long the task ran,
 * for deliveries whose task ran.</li>
 * </ul>
 * A delivery whose body could not be read has the task {@code unknown}.
 */
public final class JobMeters implements JobObserver {

	private static final String UNKNOWN = "unknown";

	private final MeterRegistry registry;

	public JobMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void enqueued(JobEnvelope envelope) {
		Counter.builder("jobs.enqueued")
			.description("Jobs enqueued and confirmed by the broker")
			.tag("task", envelope.task())
			.tag("queue", envelope.queue())
			.register(this.registry)
			.increment();
	}

	@Override
	public void settled(String queue, String task, Outcome outcome, Duration duration) {
		String taskTag = (task != null) ? task : UNKNOWN;
		Counter.builder("jobs.completed")
			.description("Job deliveries settled, by outcome")
			.tag("task", taskTag)
			.tag("queue", queue)
			.tag("outcome", OutcomeTags.of(outcome))
			.register(this.registry)
			.increment();
		if (outcome.startedAt() != null) {
			Timer.builder("jobs.duration")
				.description("How long tasks ran")
				.tag("task", taskTag)
				.tag("queue", queue)
				.register(this.registry)
				.record(duration);
		}
	}

}
