package dev.jobs.redis.pause;

import java.util.Set;

import dev.jobs.core.port.QueuePauses;
import dev.jobs.redis.RedisKeys;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The paused job queues in Redis: one set, {@code <prefix>paused-queues}, without a time to live.
 */
public final class RedisQueuePauses implements QueuePauses {

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	/**
	 * Pauses on this connection factory.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 */
	public RedisQueuePauses(RedisConnectionFactory connectionFactory, RedisKeys keys) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
	}

	@Override
	public Set<String> paused() {
		Set<String> members = this.redis.opsForSet().members(this.keys.pausedQueues());
		return (members != null) ? Set.copyOf(members) : Set.of();
	}

	@Override
	public void set(String queue, boolean paused) {
		if (paused) {
			this.redis.opsForSet().add(this.keys.pausedQueues(), queue);
		}
		else {
			this.redis.opsForSet().remove(this.keys.pausedQueues(), queue);
		}
	}

}
