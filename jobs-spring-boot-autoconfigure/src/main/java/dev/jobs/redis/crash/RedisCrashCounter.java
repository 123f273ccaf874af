package dev.jobs.redis.crash;

import java.time.Duration;
import java.util.List;

import dev.jobs.core.port.CrashCounter;
import dev.jobs.redis.RedisKeys;
import dev.jobs.redis.RedisScripts;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Crash counts in Redis: one hash per redelivered job, {@code <prefix>crashes:<job id>}, with
 * the token of its unsettled run and its count of crashes ({@code docs/protocol.md}). Each
 * operation is one Lua script.
 */
public final class RedisCrashCounter implements CrashCounter {

	private static final RedisScript<Long> STARTED = RedisScripts.load("crash_started.lua", Long.class);

	private static final RedisScript<Long> SETTLED = RedisScripts.load("crash_settled.lua", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	/**
	 * A counter on this connection factory.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 */
	public RedisCrashCounter(RedisConnectionFactory connectionFactory, RedisKeys keys) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
	}

	@Override
	public int crashes(String jobId) {
		List<Object> fields = this.redis.opsForHash().multiGet(this.keys.crashes(jobId), List.of("crashes", "running"));
		int crashes = (fields.get(0) != null) ? Integer.parseInt(fields.get(0).toString()) : 0;
		return (fields.get(1) != null) ? crashes + 1 : crashes;
	}

	@Override
	public int started(String jobId, String owner, int limit, Duration keep) {
		Long crashes = this.redis.execute(STARTED, List.of(this.keys.crashes(jobId)), owner, Integer.toString(limit),
				RedisScripts.millis(keep));
		if (crashes == null) {
			throw new IllegalStateException("No reply to the start of a run of job " + jobId);
		}
		return crashes.intValue();
	}

	@Override
	public void settled(String jobId, String owner) {
		this.redis.execute(SETTLED, List.of(this.keys.crashes(jobId)), owner);
	}

}
