package dev.jobs.autoconfigure;

import java.time.Duration;

/**
 * How each instance reports itself to the others, {@code jobs.instances.*}: the list of instances
 * on the dashboard's overview (docs/dashboard.md).
 */
public class InstancesProperties {

	/**
	 * How often this instance reports itself in Redis; a report stands for three intervals, so
	 * an instance killed without a goodbye leaves the list within that. 0 reports nothing.
	 */
	private Duration heartbeatInterval = Duration.ofSeconds(10);

	/** @return how often this instance reports itself, 0 for never */
	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	/** @param heartbeatInterval how often this instance reports itself, 0 for never */
	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

}
