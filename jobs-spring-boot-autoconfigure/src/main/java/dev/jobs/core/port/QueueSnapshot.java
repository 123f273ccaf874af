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
 */
public record QueueSnapshot(List<QueueStats> queues, QueueStats deadLetters, long delayed, Source source,
		Instant takenAt) {

	public QueueSnapshot {
		queues = List.copyOf(queues);
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
