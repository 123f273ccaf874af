package dev.jobs.rabbit.topology;

/**
 * The RabbitMQ queue type of a job queue or of the delay levels.
 */
public enum QueueType {

	/**
	 * Replicated, durable, with a delivery limit that dead-letters poison messages. The
	 * default, and the right choice unless a queue needs message priorities.
	 */
	QUORUM,

	/**
	 * Durable single-node queue; supports message priorities but has no delivery limit.
	 */
	CLASSIC

}
