package dev.jobs.redis.ratelimit;

import java.time.Duration;
import java.util.List;

import dev.jobs.core.port.LimitUsage;
import dev.jobs.core.port.RateLimiter;
import dev.jobs.redis.BudgetIndex;
import dev.jobs.redis.RedisKeys;
import dev.jobs.redis.RedisScripts;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Global rate limits in Redis: one key per budget, {@code <prefix>rate:<budget>}, holding the
 * next slot's time, taken by {@code rate_limit.lua} in one round trip on Redis's clock. The key
 * lives as long as its reservations plus a second.
 */
public final class RedisRateLimiter implements RateLimiter {

	private static final RedisScript<Long> RESERVE = RedisScripts.load("rate_limit.lua", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final BudgetIndex index;

	/**
	 * A limiter on this connection factory.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 */
	public RedisRateLimiter(RedisConnectionFactory connectionFactory, RedisKeys keys) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
		this.index = new BudgetIndex(connectionFactory, keys);
	}

	@Override
	public Duration reserve(String key, Duration interval, Duration tolerance) {
		Long wait = this.redis.execute(RESERVE, List.of(this.keys.rate(key)), micros(interval), micros(tolerance));
		if (wait == null) {
			throw new IllegalStateException("No reply to the rate limit of '" + key + "'");
		}
		this.index.used(LimitUsage.Kind.RATE, key);
		return Duration.ofNanos(wait * 1000);
	}

	private static String micros(Duration duration) {
		return Long.toString(Math.max(1, duration.toNanos() / 1000));
	}

}
