package dev.jobs.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The broker's view of every job queue, the dead-letter queue and the delay levels, read at
 * one moment.
 *
 * @param queues the job queues, by job queue name
 * @param deadLetters the dead-letter queue
 * @param delayed messages waiting in the delay levels (countdowns, ETAs, retry backoff)
 * @param source where the numbers come from
 * @param takenAt when they were read
 * @param stalledDeadLetters broker queues whose dead-lettered messages RabbitMQ has stopped
 * forwarding (see {@link StalledDeadLetters}); empty when all is well or the source cannot tell
 */
public record QueueSnapshot(List<QueueStats> queues, QueueStats deadLetters, long delayed, Source source,
		Instant takenAt, List<StalledDeadLetters> stalledDeadLetters) {

	/**
	 * Creates a {@code QueueSnapshot}, checking its components.
	 * @param queues the job queues, by job queue name
	 * @param deadLetters the dead-letter queue
	 * @param delayed messages waiting in the delay levels (countdowns, ETAs, retry backoff)
	 * @param source where the numbers come from
	 * @param takenAt when they were read
	 * @param stalledDeadLetters broker queues whose dead letters RabbitMQ has stopped forwarding
	 */
	public QueueSnapshot {
		queues = List.copyOf(queues);
		stalledDeadLetters = List.copyOf(stalledDeadLetters);
	}

	/**
	 * A snapshot in which no queue's dead-lettering is known to have stalled.
	 * @param queues the job queues, by job queue name
	 * @param deadLetters the dead-letter queue
	 * @param delayed messages waiting in the delay levels
	 * @param source where the numbers come from
	 * @param takenAt when they were read
	 */
	public QueueSnapshot(List<QueueStats> queues, QueueStats deadLetters, long delayed, Source source,
			Instant takenAt) {
		this(queues, deadLetters, delayed, source, takenAt, List.of());
	}

	/**
	 * The numbers of one job queue.
	 * @param jobQueue the job queue name
	 * @return its stats, or empty if the snapshot does not cover it
	 */
	public Optional<QueueStats> queue(String jobQueue) {
		return this.queues.stream().filter((stats) -> stats.name().equals(jobQueue)).findFirst();
	}

	/**
	 * A quorum queue (a delay level, a job queue) that holds dead-lettered messages RabbitMQ has
	 * not forwarded for longer than forwarding ever takes: the broker's dead-letter worker for
	 * that queue is gone, and the delayed jobs or poison messages in it wait until its leader
	 * moves. See docs/scaling.md.
	 *
	 * @param queue the broker queue name
	 * @param messages how many dead-lettered messages it holds
	 * @param since since when that count has not fallen
	 */
	public record StalledDeadLetters(String queue, long messages, Instant since) {

	}

	/**
	 * Where queue numbers come from.
	 */
	public enum Source {

		/**
		 * The broker's management API: ready, unacknowledged and consumers, refreshed by the
		 * broker every few seconds.
		 */
		MANAGEMENT_API,

		/**
		 * A passive queue declaration over AMQP: ready and consumers, live; unacknowledged
		 * unknown. Used when the management API cannot be reached.
		 */
		AMQP

	}

}
