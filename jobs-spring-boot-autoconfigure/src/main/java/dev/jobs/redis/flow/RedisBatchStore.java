package dev.jobs.redis.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.jobs.core.port.BatchStore;
import dev.jobs.redis.RedisKeys;
import dev.jobs.redis.RedisScripts;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Batch state in Redis: one hash per batch, {@code <prefix>batch:<id>}, each change one Lua
 * script on that key ({@code docs/protocol.md}).
 */
public final class RedisBatchStore implements BatchStore {

	private static final RedisScript<Long> CREATE = RedisScripts.load("batch_create.lua", Long.class);

	private static final RedisScript<Long> ADD = RedisScripts.load("batch_add.lua", Long.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> ENDED = RedisScripts.load("batch_ended.lua", List.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	/**
	 * Creates the store.
	 * @param connectionFactory the connection to Redis
	 * @param keys the key builder
	 */
	public RedisBatchStore(RedisConnectionFactory connectionFactory, RedisKeys keys) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
	}

	@Override
	public void create(String batchId, String callbacks, List<String> jobIds, Duration ttl) {
		List<String> args = new ArrayList<>(jobIds.size() + 2);
		args.add(callbacks);
		args.add(RedisScripts.millis(ttl));
		args.addAll(jobIds);
		if (!RedisScripts.isDone(this.redis.execute(CREATE, List.of(this.keys.batch(batchId)), args.toArray()))) {
			throw new IllegalStateException("A batch with id " + batchId + " exists already");
		}
		RedisRecentFlows.add(this.redis, RedisRecentFlows.batchIndex(this.keys), batchId);
	}

	@Override
	public long add(String batchId, List<String> jobIds, Duration ttl) {
		List<String> args = new ArrayList<>(jobIds.size() + 1);
		args.add(RedisScripts.millis(ttl));
		args.addAll(jobIds);
		Long added = this.redis.execute(ADD, List.of(this.keys.batch(batchId)), args.toArray());
		return (added != null) ? added : -1;
	}

	@Override
	public BatchCounts ended(String batchId, String jobId, boolean succeeded, Duration ttl) {
		List<?> reply = this.redis.execute(ENDED, List.of(this.keys.batch(batchId)), jobId, succeeded ? "1" : "0",
				RedisScripts.millis(ttl));
		return counts(reply);
	}

	@Override
	public BatchCounts counts(String batchId) {
		return counts(this.redis.opsForHash()
			.multiGet(this.keys.batch(batchId), List.of("total", "pending", "succeeded", "failed", "callbacks")));
	}

	private static BatchCounts counts(List<?> values) {
		if (values == null || values.isEmpty() || values.get(0) == null) {
			return null;
		}
		return new BatchCounts(number(values.get(0)), number(values.get(1)), number(values.get(2)),
				number(values.get(3)), (values.get(4) != null) ? values.get(4).toString() : "{}");
	}

	private static long number(Object value) {
		return (value != null) ? Long.parseLong(value.toString()) : 0;
	}

}
