package dev.jobs.redis;

import java.util.Set;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The machine's Redis on 127.0.0.1:6379 for the adapters' integration tests, which each write
 * under a key prefix of their own.
 */
public final class LocalRedis {

	private LocalRedis() {
	}

	/**
	 * A started connection factory; the test destroys it.
	 * @return the factory
	 */
	public static LettuceConnectionFactory connect() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 6379));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	/**
	 * Deletes every key a test wrote under its prefix.
	 * @param factory the connection factory
	 * @param prefix the test's key prefix
	 */
	public static void deleteKeys(RedisConnectionFactory factory, String prefix) {
		StringRedisTemplate redis = new StringRedisTemplate(factory);
		Set<String> written = redis.keys(prefix + "*");
		if (written != null && !written.isEmpty()) {
			redis.delete(written);
		}
	}

}
