package dev.jobs.test.memory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.jobs.core.port.UniqueKeys;

/**
 * Unique keys in a map: a key names the job that holds it until that job releases it. Keys do
 * not expire by time in test mode.
 */
public final class InMemoryUniqueKeys implements UniqueKeys {

	private final Map<String, String> holders = new ConcurrentHashMap<>();

	@Override
	public Optional<String> claim(String key, String jobId, Duration ttl) {
		String holder = this.holders.putIfAbsent(key, jobId);
		return (holder == null || holder.equals(jobId)) ? Optional.empty() : Optional.of(holder);
	}

	@Override
	public void release(String key, String jobId) {
		this.holders.remove(key, jobId);
	}

	/**
	 * Forgets everything, as between two tests.
	 */
	public void clear() {
		this.holders.clear();
	}

}
