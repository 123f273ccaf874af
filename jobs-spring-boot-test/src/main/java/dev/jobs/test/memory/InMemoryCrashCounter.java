package dev.jobs.test.memory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.jobs.core.port.CrashCounter;

/**
 * Crash counts in a map, counted as the Redis store counts them ({@code crash_started.lua}):
 * a run's mark still there when the job starts again is a crash. In test mode every run is
 * settled on the thread that started it, so a mark is always removed and no job ever crashes;
 * the counter exists so that the crash guard runs as it does in production.
 */
public final class InMemoryCrashCounter implements CrashCounter {

	private final Map<String, Count> counts = new ConcurrentHashMap<>();

	@Override
	public int crashes(String jobId) {
		Count count = this.counts.get(jobId);
		return (count == null) ? 0 : count.crashes() + ((count.owner() != null) ? 1 : 0);
	}

	@Override
	public int started(String jobId, String owner, int limit, Duration keep) {
		Count count = this.counts.compute(jobId, (id, stored) -> {
			int crashes = (stored == null) ? 0 : stored.crashes() + ((stored.owner() != null) ? 1 : 0);
			return new Count(crashes, owner);
		});
		return count.crashes();
	}

	@Override
	public void settled(String jobId, String owner) {
		this.counts.computeIfPresent(jobId, (id, stored) -> owner.equals(stored.owner()) ? null : stored);
	}

	/**
	 * Forgets everything, as between two tests.
	 */
	public void clear() {
		this.counts.clear();
	}

	private record Count(int crashes, String owner) {
	}

}
