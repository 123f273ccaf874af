package dev.jobs.core.port;

import java.time.Duration;
import java.util.Optional;

/**
 * The unique keys of jobs: a key names the one job that holds it until released or expired.
 * Each method is one atomic operation.
 */
public interface UniqueKeys {

	/**
	 * Claims a key for a new job, unless another job holds it.
	 * @param key the key
	 * @param jobId the new job
	 * @param ttl how long the key is held at most
	 * @return empty if the key is now the new job's; otherwise the id of the job that holds it
	 */
	Optional<String> claim(String key, String jobId, Duration ttl);

	/**
	 * Releases a key, if the given job holds it.
	 * @param key the key
	 * @param jobId the job
	 */
	void release(String key, String jobId);

}
