package dev.jobs.redis.cancel;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import dev.jobs.core.port.Cancellations;
import dev.jobs.redis.RedisKeys;
import dev.jobs.redis.RedisScripts;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Cancelled jobs in Redis: one sorted set, {@code <prefix>cancelled}, each member scored by when
 * it may be forgotten ({@code jobs.results.ttl} after its cancel).
 */
public final class RedisCancellations implements Cancellations {

	private static final RedisScript<Long> CANCEL = RedisScripts.load("cancel.lua", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final Duration keep;

	private final Clock clock;

	/**
	 * Creates the store.
	 * @param connectionFactory the connection to Redis
	 * @param keys the key builder
	 * @param keep how long a cancel is remembered
	 * @param clock the clock
	 */
	public RedisCancellations(RedisConnectionFactory connectionFactory, RedisKeys keys, Duration keep, Clock clock) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
		this.keep = keep;
		this.clock = clock;
	}

	@Override
	public void cancel(Collection<String> jobIds) {
		if (jobIds.isEmpty()) {
			return;
		}
		long now = this.clock.millis();
		List<String> args = new ArrayList<>(jobIds.size() + 2);
		args.add(Long.toString(now));
		args.add(Long.toString(now + this.keep.toMillis()));
		args.addAll(jobIds);
		this.redis.execute(CANCEL, List.of(this.keys.cancelled()), args.toArray());
	}

	@Override
	public Set<String> cancelled() {
		Set<String> ids = this.redis.opsForZSet()
			.rangeByScore(this.keys.cancelled(), this.clock.millis(), Double.POSITIVE_INFINITY);
		return (ids != null) ? ids : Set.of();
	}

}
