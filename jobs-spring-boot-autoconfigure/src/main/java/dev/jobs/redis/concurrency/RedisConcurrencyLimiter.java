package dev.jobs.redis.concurrency;

import java.time.Duration;
import java.util.List;

import dev.jobs.core.port.ConcurrencyLimiter;
import dev.jobs.core.port.LimitUsage;
import dev.jobs.redis.BudgetIndex;
import dev.jobs.redis.RedisKeys;
import dev.jobs.redis.RedisScripts;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Concurrency permits in Redis: one sorted set per budget, {@code <prefix>concurrency:<budget>},
 * of the owners' tokens scored by when their leases run out (milliseconds on Redis's clock).
 * Taking and renewing a permit are Lua scripts; giving one back is a {@code ZREM}.
 */
public final class RedisConcurrencyLimiter implements ConcurrencyLimiter {

	private static final RedisScript<Long> ACQUIRE = RedisScripts.load("concurrency_acquire.lua", Long.class);

	private static final RedisScript<Long> RENEW = RedisScripts.load("concurrency_renew.lua", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final BudgetIndex index;

	/**
	 * Permits on this connection factory.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 */
	public RedisConcurrencyLimiter(RedisConnectionFactory connectionFactory, RedisKeys keys) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
		this.index = new BudgetIndex(connectionFactory, keys);
	}

	@Override
	public boolean acquire(String budget, String token, int max, Duration lease) {
		boolean acquired = RedisScripts.isDone(this.redis.execute(ACQUIRE, List.of(this.keys.concurrency(budget)),
				token, Integer.toString(max), RedisScripts.millis(lease)));
		this.index.used(LimitUsage.Kind.CONCURRENCY, budget);
		return acquired;
	}

	@Override
	public boolean renew(String budget, String token, Duration lease) {
		return RedisScripts.isDone(
				this.redis.execute(RENEW, List.of(this.keys.concurrency(budget)), token, RedisScripts.millis(lease)));
	}

	@Override
	public void release(String budget, String token) {
		this.redis.opsForZSet().remove(this.keys.concurrency(budget), token);
	}

}
