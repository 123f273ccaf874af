package dev.jobs.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis keys of one run, all under its own prefix, and what the run asks Redis itself.
 */
final class RunKeys {

	private static final int BATCH = 1000;

	private final StringRedisTemplate redis;

	private final String prefix;

	RunKeys(StringRedisTemplate redis, String prefix) {
		this.redis = redis;
		this.prefix = prefix;
	}

	/**
	 * Deletes every key under the run's prefix, found with {@code SCAN}, in batches.
	 * @return how many were deleted
	 */
	long deleteAll() {
		long deleted = 0;
		List<String> batch = new ArrayList<>(BATCH);
		try (Cursor<String> keys = this.redis
			.scan(ScanOptions.scanOptions().match(this.prefix + "*").count(BATCH).build())) {
			while (keys.hasNext()) {
				batch.add(keys.next());
				if (batch.size() == BATCH) {
					deleted += unlink(batch);
				}
			}
		}
		return deleted + unlink(batch);
	}

	private long unlink(List<String> keys) {
		if (keys.isEmpty()) {
			return 0;
		}
		Long count = this.redis.unlink(keys);
		keys.clear();
		return (count != null) ? count : 0;
	}

	/**
	 * The Redis server's version, for the report.
	 * @return the version
	 */
	String serverVersion() {
		return this.redis.execute((RedisCallback<String>) (connection) -> connection.serverCommands()
			.info("server")
			.getProperty("redis_version"));
	}

	/**
	 * The Redis server's process id, for reading its CPU from {@code /proc}.
	 * @return the id, or -1 where the server does not say
	 */
	long serverPid() {
		String pid = this.redis.execute((RedisCallback<String>) (connection) -> connection.serverCommands()
			.info("server")
			.getProperty("process_id"));
		return (pid != null) ? Long.parseLong(pid.trim()) : -1;
	}

	/**
	 * The server's command counters now.
	 * @return the counters
	 */
	RedisCommandStats commandStats() {
		return RedisCommandStats.read(this.redis);
	}

	String prefix() {
		return this.prefix;
	}

}
