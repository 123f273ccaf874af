package dev.jobs.actuate.metrics;

import java.util.List;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.jobs.core.port.QueueSnapshot;
import dev.jobs.core.port.QueueStats;

/**
 * Gauges of queue depths, read through a {@link QueueSnapshotCache}:
 * <ul>
 * <li>{@code jobs.queue.depth} (tag {@code queue}): jobs waiting in a job queue, not yet
 * delivered to a worker;</li>
 * <li>{@code jobs.dlq.depth}: messages in the dead-letter queue;</li>
 * <li>{@code jobs.dead.letters.stalled}: dead-lettered messages RabbitMQ holds in quorum queues
 * whose dead-letter forwarding has stopped (delayed jobs that will not come due until the
 * queue's leader moves; see docs/scaling.md). Anything above zero deserves an alert.</li>
 * </ul>
 * A gauge reads {@code NaN} while the broker cannot be read.
 */
public final class QueueDepthGauges implements MeterBinder {

	private final QueueSnapshotCache snapshots;

	private final Supplier<? extends List<String>> jobQueues;

	/**
	 * Gauges for the given job queues.
	 * @param snapshots the cached queue numbers
	 * @param jobQueues supplies the job queue names when the gauges are bound, once every
	 * task is registered
	 */
	public QueueDepthGauges(QueueSnapshotCache snapshots, Supplier<? extends List<String>> jobQueues) {
		this.snapshots = snapshots;
		this.jobQueues = jobQueues;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String queue : this.jobQueues.get()) {
			Gauge.builder("jobs.queue.depth", this.snapshots, (snapshots) -> ready(snapshots, queue))
				.description("Jobs waiting in the queue, not yet delivered to a worker")
				.tag("queue", queue)
				.strongReference(true)
				.register(registry);
		}
		Gauge.builder("jobs.dlq.depth", this.snapshots, QueueDepthGauges::deadLetters)
			.description("Messages in the dead-letter queue")
			.strongReference(true)
			.register(registry);
		Gauge.builder("jobs.dead.letters.stalled", this.snapshots, QueueDepthGauges::stalled)
			.description("Dead-lettered messages RabbitMQ holds in queues whose dead-letter forwarding has stopped")
			.strongReference(true)
			.register(registry);
	}

	private static double ready(QueueSnapshotCache snapshots, String queue) {
		return snapshots.get().flatMap((snapshot) -> snapshot.queue(queue)).map(QueueStats::ready)
			.map(Long::doubleValue)
			.orElse(Double.NaN);
	}

	private static double stalled(QueueSnapshotCache snapshots) {
		return snapshots.get()
			.map((snapshot) -> (double) snapshot.stalledDeadLetters()
				.stream()
				.mapToLong(QueueSnapshot.StalledDeadLetters::messages)
				.sum())
			.orElse(Double.NaN);
	}

	private static double deadLetters(QueueSnapshotCache snapshots) {
		return snapshots.get().map((snapshot) -> (double) snapshot.deadLetters().messages()).orElse(Double.NaN);
	}

}
