package dev.jobs.redis.instance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.jobs.core.port.InstanceRegistry;
import dev.jobs.redis.RedisKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The instance registry in Redis: each report is a JSON string, {@code <prefix>instance:<id>},
 * that expires with its time to live, and the sorted set {@code <prefix>instances} lists the ids
 * by the time of their latest report, so that the live ones are found without a scan. An id whose
 * report has expired is taken out of the set by the next read, or by any report a day later.
 */
public final class RedisInstanceRegistry implements InstanceRegistry {

	private static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final JsonMapper mapper;

	/**
	 * A registry on this connection factory.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 * @param mapper writes and reads the reports
	 */
	public RedisInstanceRegistry(RedisConnectionFactory connectionFactory, RedisKeys keys, JsonMapper mapper) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
		this.mapper = mapper;
	}

	@Override
	public void report(Instance instance, Duration ttl) {
		ObjectNode json = this.mapper.createObjectNode();
		json.put("id", instance.id());
		json.put("startedAt", instance.startedAt().toString());
		json.put("reportedAt", instance.reportedAt().toString());
		instance.queues().forEach(json.putArray("queues")::add);
		json.put("consuming", instance.consuming());
		json.put("running", instance.running());
		json.put("stuck", instance.stuck());
		this.redis.opsForValue().set(this.keys.instance(instance.id()), json.toString(), ttl);
		long at = instance.reportedAt().toEpochMilli();
		this.redis.opsForZSet().add(this.keys.instances(), instance.id(), at);
		// Ids of instances gone for a day, should no reader have taken them out.
		this.redis.opsForZSet().removeRangeByScore(this.keys.instances(), 0, at - FORGOTTEN_AFTER.toMillis());
	}

	@Override
	public void leave(String id) {
		this.redis.delete(this.keys.instance(id));
		this.redis.opsForZSet().remove(this.keys.instances(), id);
	}

	@Override
	public List<Instance> live() {
		Set<String> ids = this.redis.opsForZSet().range(this.keys.instances(), 0, -1);
		List<Instance> live = new ArrayList<>();
		for (String id : (ids != null) ? ids : Set.<String>of()) {
			String report = this.redis.opsForValue().get(this.keys.instance(id));
			if (report == null) {
				this.redis.opsForZSet().remove(this.keys.instances(), id);
				continue;
			}
			try {
				live.add(read(this.mapper.readTree(report)));
			}
			catch (RuntimeException ex) {
				// A report this version cannot read is left out; it expires on its own.
			}
		}
		return live;
	}

	private static Instance read(JsonNode json) {
		List<String> queues = new ArrayList<>();
		json.path("queues").forEach((queue) -> queues.add(queue.asString()));
		return new Instance(json.path("id").asString(), Instant.parse(json.path("startedAt").asString()),
				Instant.parse(json.path("reportedAt").asString()), queues, json.path("consuming").asBoolean(),
				json.path("running").asInt(), json.path("stuck").asInt());
	}

}
