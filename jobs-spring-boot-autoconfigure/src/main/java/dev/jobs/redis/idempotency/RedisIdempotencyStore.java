package dev.jobs.redis.idempotency;

import java.time.Duration;
import java.util.List;

import dev.jobs.core.port.IdempotencyClaim;
import dev.jobs.core.port.IdempotencyStore;
import dev.jobs.redis.RedisKeys;
import dev.jobs.redis.RedisScripts;
import dev.jobs.redis.ReplicaAcks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Idempotency records in Redis: one hash per key, {@code <prefix>idempotency:<task>:<key>},
 * whose time to live is the claim's lease while {@code RUNNING} and {@code jobs.idempotency.ttl}
 * once {@code DONE} ({@code docs/protocol.md}). Each operation is one Lua script.
 */
public final class RedisIdempotencyStore implements IdempotencyStore {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> CLAIM = RedisScripts.load("idempotency_claim.lua", List.class);

	private static final RedisScript<Long> RENEW = RedisScripts.load("idempotency_renew.lua", Long.class);

	private static final RedisScript<Long> COMPLETE = RedisScripts.load("idempotency_complete.lua", Long.class);

	private static final RedisScript<Long> RELEASE = RedisScripts.load("idempotency_release.lua", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final ReplicaAcks replicaAcks;

	private final JsonMapper mapper;

	/**
	 * A store on this connection factory.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 * @param mapper the job JSON mapper, which writes and reads the stored results
	 */
	public RedisIdempotencyStore(RedisConnectionFactory connectionFactory, RedisKeys keys, JsonMapper mapper) {
		this(connectionFactory, keys, mapper, ReplicaAcks.NONE);
	}

	/**
	 * A store on this connection factory whose claims wait for replicas.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 * @param mapper the job JSON mapper, which writes and reads the stored results
	 * @param replicaAcks what a new claim waits for before it is used
	 */
	public RedisIdempotencyStore(RedisConnectionFactory connectionFactory, RedisKeys keys, JsonMapper mapper,
			ReplicaAcks replicaAcks) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
		this.mapper = mapper;
		this.replicaAcks = replicaAcks;
	}

	@Override
	public IdempotencyClaim claim(String key, String owner, String jobId, Duration lease) {
		List<?> reply = this.redis.execute(CLAIM, List.of(this.keys.idempotency(key)), owner, jobId,
				RedisScripts.millis(lease));
		if (reply == null || reply.isEmpty()) {
			throw new IllegalStateException("Unexpected reply to the claim of idempotency key '" + key + "': " + reply);
		}
		return switch (String.valueOf(reply.get(0))) {
			case "CLAIMED" -> {
				this.replicaAcks.await(this.redis, "Idempotency claim '" + key + "'");
				yield new IdempotencyClaim.Claimed();
			}
			case "RUNNING" -> new IdempotencyClaim.InProgress(String.valueOf(reply.get(1)));
			case "DONE" -> new IdempotencyClaim.Completed(String.valueOf(reply.get(1)), result(reply));
			default -> throw new IllegalStateException("Unexpected reply to the claim of idempotency key '" + key
					+ "': " + reply);
		};
	}

	private JsonNode result(List<?> reply) {
		Object text = (reply.size() > 2) ? reply.get(2) : null;
		return (text != null) ? this.mapper.readTree(text.toString()) : null;
	}

	@Override
	public boolean renew(String key, String owner, Duration lease) {
		return RedisScripts.isDone(this.redis.execute(RENEW, List.of(this.keys.idempotency(key)), owner,
				RedisScripts.millis(lease)));
	}

	@Override
	public boolean complete(String key, String owner, String jobId, JsonNode result, Duration ttl) {
		String json = (result != null) ? this.mapper.writeValueAsString(result) : "null";
		return RedisScripts.isDone(this.redis.execute(COMPLETE, List.of(this.keys.idempotency(key)), owner, jobId,
				json, RedisScripts.millis(ttl)));
	}

	@Override
	public void release(String key, String owner) {
		this.redis.execute(RELEASE, List.of(this.keys.idempotency(key)), owner);
	}

}
