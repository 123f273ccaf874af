package dev.jobs.redis.failures;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.jobs.core.port.FailureResolutions;
import dev.jobs.redis.RedisKeys;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Failure resolutions in Redis: one hash, {@code <prefix>failures:resolved}, with a field per
 * resolved fingerprint whose value is {@code <epoch millis>|<user>}. The hash does not expire: a
 * mark is a dozen bytes per cause ever resolved, and it must outlive the dead letters it covers
 * so that the cause, once it comes back, shows as recurred.
 */
public final class RedisFailureResolutions implements FailureResolutions {

	private final StringRedisTemplate redis;

	private final String key;

	/**
	 * Resolutions on this connection factory.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 */
	public RedisFailureResolutions(RedisConnectionFactory connectionFactory, RedisKeys keys) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.key = keys.failureResolutions();
	}

	@Override
	public void resolve(String fingerprint, Resolution resolution) {
		this.redis.opsForHash().put(this.key, fingerprint, resolution.at().toEpochMilli() + "|" + resolution.user());
	}

	@Override
	public boolean reopen(String fingerprint) {
		Long removed = this.redis.opsForHash().delete(this.key, fingerprint);
		return removed != null && removed > 0;
	}

	@Override
	public Map<String, Resolution> all() {
		Map<String, Resolution> marks = new LinkedHashMap<>();
		this.redis.<String, String>opsForHash().entries(this.key).forEach((fingerprint, value) -> {
			int bar = value.indexOf('|');
			try {
				marks.put(fingerprint, new Resolution(Instant.ofEpochMilli(Long.parseLong(value.substring(0, bar))),
						value.substring(bar + 1)));
			}
			catch (RuntimeException ex) {
				// A value this version cannot read leaves its cause open; resolving it again rewrites it.
			}
		});
		return marks;
	}

}
