package dev.jobs.core.port;

/**
 * How many messages one broker queue holds and how many consumers it has, at one moment.
 *
 * @param name the job queue name, or the broker queue name for queues that are not job queues
 * (the dead-letter queue, the delay levels)
 * @param ready messages waiting to be delivered
 * @param unacked messages delivered and not yet acknowledged, or {@code null} when the source
 * cannot tell (AMQP alone does not)
 * @param consumers consumers attached, across all instances
 * @param unforwarded messages a quorum queue has dead-lettered (expired from a delay level,
 * rejected from a job queue) and keeps until the target queue confirms them: RabbitMQ's
 * {@code messages_dlx}; {@code 0} when the source cannot tell
 */
public record QueueStats(String name, long ready, Long unacked, int consumers, long unforwarded) {

	/**
	 * Stats without a count of unforwarded dead letters, as AMQP reads them.
	 * @param name the job queue name, or the broker queue name
	 * @param ready messages waiting to be delivered
	 * @param unacked messages delivered and not yet acknowledged, or {@code null} if unknown
	 * @param consumers consumers attached, across all instances
	 */
	public QueueStats(String name, long ready, Long unacked, int consumers) {
		this(name, ready, unacked, consumers, 0);
	}

	/**
	 * Every message the queue holds, delivered or not.
	 * @return ready plus unacknowledged, counting unknown unacknowledged as none
	 */
	public long messages() {
		return this.ready + ((this.unacked != null) ? this.unacked : 0);
	}

}
