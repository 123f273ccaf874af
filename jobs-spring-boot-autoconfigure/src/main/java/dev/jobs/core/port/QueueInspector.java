package dev.jobs.core.port;

/**
 * Reads how full the job queues are, for operators: the Actuator endpoint, health and gauges.
 */
public interface QueueInspector {

	/**
	 * Reads every job queue, the dead-letter queue and the delay levels now.
	 * @return the snapshot
	 * @throws RuntimeException if the broker cannot be reached
	 */
	QueueSnapshot snapshot();

}
