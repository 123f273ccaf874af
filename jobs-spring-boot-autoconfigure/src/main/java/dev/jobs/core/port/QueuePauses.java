package dev.jobs.core.port;

import java.util.Set;

/**
 * Which job queues an operator paused, shared by every instance and kept across restarts. Each
 * method throws if the store cannot be reached.
 */
public interface QueuePauses {

	/**
	 * The queues paused now.
	 * @return their names
	 */
	Set<String> paused();

	/**
	 * Pauses or resumes a queue for every instance.
	 * @param queue the job queue
	 * @param paused {@code true} to pause it, {@code false} to resume it
	 */
	void set(String queue, boolean paused);

}
