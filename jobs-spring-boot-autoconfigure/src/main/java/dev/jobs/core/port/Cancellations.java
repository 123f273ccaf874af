package dev.jobs.core.port;

import java.util.Collection;
import java.util.Set;

/**
 * The jobs cancelled recently, shared by every instance: each is kept for as long as job records
 * ({@code jobs.results.ttl}), long enough for any copy of it still waiting in a queue or a delay
 * level to be delivered and skipped.
 */
public interface Cancellations {

	/**
	 * Cancels jobs: every worker skips them when they are delivered, and the one running each, if
	 * any, interrupts it.
	 * @param jobIds the jobs
	 */
	void cancel(Collection<String> jobIds);

	/**
	 * The jobs cancelled within the time they are kept.
	 * @return their ids
	 */
	Set<String> cancelled();

}
