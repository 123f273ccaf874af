package dev.jobs.actuate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.jobs.core.port.EnqueuedJob;
import dev.jobs.core.port.JobObserver;
import dev.jobs.core.port.OutcomeKind;
import dev.jobs.core.port.SettledDelivery;

/**
 * Records jobs in Micrometer as they are enqueued and settled:
 * <ul>
 * <li>{@code jobs.enqueued} (counter; tags {@code task}, {@code queue}): jobs confirmed by the
 * broker;</li>
 * <li>{@code jobs.completed} (counter; tags {@code task}, {@code queue}, {@code outcome}):
 * deliveries settled, {@code outcome} being the {@linkplain OutcomeKind#tag() tag} of its kind;</li>
 * <li>{@code jobs.duration} (timer; tags {@code task}, {@code queue}): how long the task ran,
 * for deliveries whose task ran.</li>
 * </ul>
 * A delivery whose body could not be read has the task {@code unknown}.
 */
public final class JobMeters implements JobObserver {

	private static final String UNKNOWN = "unknown";

	private final MeterRegistry registry;

	/**
	 * Creates the meters.
	 * @param registry the meter registry
	 */
	public JobMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void enqueued(EnqueuedJob job) {
		Counter.builder("jobs.enqueued")
			.description("Jobs enqueued and confirmed by the broker")
			.tag("task", job.task())
			.tag("queue", job.queue())
			.register(this.registry)
			.increment();
	}

	@Override
	public void settled(SettledDelivery delivery) {
		String taskTag = (delivery.task() != null) ? delivery.task() : UNKNOWN;
		Counter.builder("jobs.completed")
			.description("Job deliveries settled, by outcome")
			.tag("task", taskTag)
			.tag("queue", delivery.queue())
			.tag("outcome", delivery.kind().tag())
			.register(this.registry)
			.increment();
		if (delivery.kind().taskRan()) {
			Timer.builder("jobs.duration")
				.description("How long tasks ran")
				.tag("task", taskTag)
				.tag("queue", delivery.queue())
				.register(this.registry)
				.record(delivery.duration());
		}
	}

}
