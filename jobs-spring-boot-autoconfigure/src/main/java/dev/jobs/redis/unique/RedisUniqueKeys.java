package dev.jobs.redis.unique;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.jobs.core.port.UniqueKeys;
import dev.jobs.redis.RedisKeys;
import dev.jobs.redis.RedisScripts;
import dev.jobs.redis.ReplicaAcks;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Unique keys in Redis: one string per key, {@code <prefix>unique:<task>:<key>}, holding the id
 * of the job that holds it, with the key's time to live. Claimed by a script that sets it or
 * returns its holder in one step; released only by the job that holds it.
 */
public final class RedisUniqueKeys implements UniqueKeys {

	private static final RedisScript<String> CLAIM = RedisScripts.load("set_or_get.lua", String.class);

	private static final RedisScript<Long> RELEASE = RedisScripts.load("compare_and_delete.lua", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final ReplicaAcks replicaAcks;

	/**
	 * Keys on this connection factory.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 */
	public RedisUniqueKeys(RedisConnectionFactory connectionFactory, RedisKeys keys) {
		this(connectionFactory, keys, ReplicaAcks.NONE);
	}

	/**
	 * Keys on this connection factory whose new claims wait for replicas.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 * @param replicaAcks what a new claim waits for before it is used
	 */
	public RedisUniqueKeys(RedisConnectionFactory connectionFactory, RedisKeys keys, ReplicaAcks replicaAcks) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
		this.replicaAcks = replicaAcks;
	}

	@Override
	public Optional<String> claim(String key, String jobId, Duration ttl) {
		Optional<String> holder = Optional.ofNullable(this.redis.execute(CLAIM, List.of(this.keys.unique(key)), jobId,
				RedisScripts.millis(ttl)));
		if (holder.isEmpty() || holder.get().equals(jobId)) {
			this.replicaAcks.await(this.redis, "Unique claim '" + key + "'");
		}
		return holder;
	}

	@Override
	public void release(String key, String jobId) {
		this.redis.execute(RELEASE, List.of(this.keys.unique(key)), jobId);
	}

}
