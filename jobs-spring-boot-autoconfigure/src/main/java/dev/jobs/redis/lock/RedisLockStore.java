package dev.jobs.redis.lock;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.jobs.core.port.LockStore;
import dev.jobs.redis.RedisKeys;
import dev.jobs.redis.RedisScripts;
import dev.jobs.redis.ReplicaAcks;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Locks in Redis: one string per lock, {@code <prefix>lock:<name>}, holding its owner's token,
 * with the lease as its time to live. Taken with {@code SET NX PX}; renewed and released by Lua
 * scripts that compare the token first, so only the owner can do either.
 */
public final class RedisLockStore implements LockStore {

	private static final RedisScript<Long> RENEW = RedisScripts.load("compare_and_expire.lua", Long.class);

	private static final RedisScript<Long> RELEASE = RedisScripts.load("compare_and_delete.lua", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final ReplicaAcks replicaAcks;

	/**
	 * A store on this connection factory.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 */
	public RedisLockStore(RedisConnectionFactory connectionFactory, RedisKeys keys) {
		this(connectionFactory, keys, ReplicaAcks.NONE);
	}

	/**
	 * A store on this connection factory whose acquired locks wait for replicas.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 * @param replicaAcks what an acquired lock waits for before it is used
	 */
	public RedisLockStore(RedisConnectionFactory connectionFactory, RedisKeys keys, ReplicaAcks replicaAcks) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
		this.replicaAcks = replicaAcks;
	}

	@Override
	public boolean acquire(String name, String token, Duration lease) {
		if (!Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(this.keys.lock(name), token, lease))) {
			return false;
		}
		this.replicaAcks.await(this.redis, "Lock '" + name + "'");
		return true;
	}

	@Override
	public boolean renew(String name, String token, Duration lease) {
		return RedisScripts.isDone(
				this.redis.execute(RENEW, List.of(this.keys.lock(name)), token, RedisScripts.millis(lease)));
	}

	@Override
	public boolean release(String name, String token) {
		return RedisScripts.isDone(this.redis.execute(RELEASE, List.of(this.keys.lock(name)), token));
	}

	@Override
	public Optional<String> holder(String name) {
		return Optional.ofNullable(this.redis.opsForValue().get(this.keys.lock(name)));
	}

}
