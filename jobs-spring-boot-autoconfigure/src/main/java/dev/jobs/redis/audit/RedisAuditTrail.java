package dev.jobs.redis.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.jobs.core.port.AuditTrail;
import dev.jobs.redis.RedisKeys;
import dev.jobs.redis.RedisScripts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The audit trail in Redis: one sorted set, {@code <prefix>audit}, of JSON entries scored by
 * time, trimmed to its time to live by {@code audit_record.lua} on every write.
 */
public final class RedisAuditTrail implements AuditTrail {

	private static final RedisScript<Long> RECORD = RedisScripts.load("audit_record.lua", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final JsonMapper mapper;

	private final Duration ttl;

	/**
	 * A trail on this connection factory.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 * @param mapper writes and reads the entries
	 * @param ttl how long an entry is kept
	 */
	public RedisAuditTrail(RedisConnectionFactory connectionFactory, RedisKeys keys, JsonMapper mapper,
			Duration ttl) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
		this.mapper = mapper;
		this.ttl = ttl;
	}

	@Override
	public void record(Entry entry) {
		ObjectNode json = this.mapper.createObjectNode();
		json.put("at", entry.at().toString());
		json.put("user", entry.user());
		json.put("action", entry.action());
		json.put("target", entry.target());
		json.put("count", entry.count());
		json.put("instance", entry.instance());
		this.redis.execute(RECORD, List.of(this.keys.audit()), json.toString(),
				Long.toString(entry.at().toEpochMilli()), Long.toString(this.ttl.toMillis()));
	}

	@Override
	public List<Entry> latest(int limit) {
		Set<String> members = this.redis.opsForZSet().reverseRange(this.keys.audit(), 0, limit - 1L);
		List<Entry> entries = new ArrayList<>();
		for (String member : (members != null) ? members : Set.<String>of()) {
			try {
				JsonNode json = this.mapper.readTree(member);
				entries.add(new Entry(Instant.parse(json.path("at").asString()), json.path("user").asString(),
						json.path("action").asString(), json.path("target").asString(), json.path("count").asInt(),
						json.path("instance").asString()));
			}
			catch (RuntimeException ex) {
				// An entry this version cannot read is left out of the page, and expires with the rest.
			}
		}
		return entries;
	}

}
