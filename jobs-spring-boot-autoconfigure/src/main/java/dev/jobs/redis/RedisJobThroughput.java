package dev.jobs.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.jobs.core.port.JobThroughput;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Reads the per-minute counters {@code record_results.lua} keeps beside the search indexes
 * ({@code <prefix>index:throughput:<counter>:<minute>}, docs/protocol.md): Redis's clock first,
 * since the script counts by it, then every counter of the window with one {@code MGET}. Two
 * round trips whatever the window. On a Redis Cluster the script keeps no counters (their keys
 * would sit in other slots than the records), and every minute reads empty.
 */
public final class RedisJobThroughput implements JobThroughput {

	private static final String[] COUNTERS = { "enqueued", "succeeded", "failed" };

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final boolean counted;

	/**
	 * Counters on this connection factory.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 */
	public RedisJobThroughput(RedisConnectionFactory connectionFactory, RedisKeys keys) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
		this.counted = !SlotGroups.of(connectionFactory).cluster();
	}

	@Override
	public List<Minute> lastMinutes(int minutes) {
		if (minutes < 1) {
			throw new IllegalArgumentException("Asked for the throughput of " + minutes + " minutes; ask for 1 or more");
		}
		if (!this.counted) {
			return List.of();
		}
		long now = RedisScripts.serverMillis(this.redis) / 60_000;
		long first = now - minutes + 1;
		List<String> names = new ArrayList<>(minutes * COUNTERS.length);
		for (long minute = first; minute <= now; minute++) {
			for (String counter : COUNTERS) {
				names.add(this.keys.throughput(counter, minute));
			}
		}
		List<String> values = this.redis.opsForValue().multiGet(names);
		List<Minute> counts = new ArrayList<>(minutes);
		for (int i = 0; i < minutes; i++) {
			int at = i * COUNTERS.length;
			counts.add(new Minute(Instant.ofEpochSecond((first + i) * 60), count(values, at), count(values, at + 1),
					count(values, at + 2)));
		}
		return counts;
	}

	private static long count(List<String> values, int index) {
		String value = (values != null) ? values.get(index) : null;
		return (value != null) ? Long.parseLong(value) : 0;
	}

}
