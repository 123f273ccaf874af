package dev.jobs.redis;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * How many clients listen on a Redis channel ({@code PUBSUB NUMSUB}), for tests that must act
 * only once a waiter's subscription is in place.
 */
final class Subscribers {

	private Subscribers() {
	}

	/**
	 * The number of subscribers of a channel now.
	 * @param connectionFactory a Lettuce connection factory
	 * @param channel the channel
	 * @return how many subscriptions it has
	 */
	static long of(RedisConnectionFactory connectionFactory, String channel) {
		try (RedisConnection connection = connectionFactory.getConnection()) {
			@SuppressWarnings("unchecked")
			RedisClusterAsyncCommands<byte[], byte[]> commands = (RedisClusterAsyncCommands<byte[], byte[]>) connection
				.getNativeConnection();
			return commands.pubsubNumsub(channel.getBytes(StandardCharsets.UTF_8))
				.get(5, TimeUnit.SECONDS)
				.values()
				.stream()
				.mapToLong(Long::longValue)
				.sum();
		}
		catch (Exception ex) {
			throw new IllegalStateException("PUBSUB NUMSUB " + channel + " failed", ex);
		}
	}

}
