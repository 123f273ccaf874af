package dev.jobs.redis.schedule;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.jobs.core.port.ScheduleState;
import dev.jobs.core.port.ScheduleStore;
import dev.jobs.core.port.SlotClaim;
import dev.jobs.redis.RedisKeys;
import dev.jobs.redis.RedisScripts;
import dev.jobs.redis.ReplicaAcks;

/**
 * The schedules' shared records in Redis: one hash per schedule, {@code <prefix>schedule:<name>},
 * with no time to live (a record is a few fields, and its last slot must outlive any clock's
 * error). Claims and recent jobs change under Lua scripts; counts and pauses are single commands.
 */
public final class RedisScheduleStore implements ScheduleStore {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> CLAIM = RedisScripts.load("schedule_claim.lua", List.class);

	private static final RedisScript<Long> FIRED = RedisScripts.load("schedule_fired.lua", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final ReplicaAcks replicaAcks;

	/**
	 * A store on this connection factory.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 */
	public RedisScheduleStore(RedisConnectionFactory connectionFactory, RedisKeys keys) {
		this(connectionFactory, keys, ReplicaAcks.NONE);
	}

	/**
	 * A store on this connection factory whose slot claims wait for replicas.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 * @param replicaAcks what a slot claim waits for before its job is enqueued
	 */
	public RedisScheduleStore(RedisConnectionFactory connectionFactory, RedisKeys keys, ReplicaAcks replicaAcks) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
		this.replicaAcks = replicaAcks;
	}

	@Override
	public SlotClaim claim(String schedule, Instant slot) {
		List<?> reply = this.redis.execute(CLAIM, List.of(this.keys.schedule(schedule)),
				Long.toString(slot.toEpochMilli()));
		if (reply == null || reply.size() != 3) {
			throw new IllegalStateException("Unexpected reply to a claim of schedule '" + schedule + "': " + reply);
		}
		this.replicaAcks.await(this.redis, "Slot " + slot + " of schedule '" + schedule + "'");
		return new SlotClaim(SlotClaim.Verdict.valueOf(String.valueOf(reply.get(0))), millis(reply.get(1)),
				ids(String.valueOf(reply.get(2))));
	}

	@Override
	public void fired(String schedule, String jobId, Instant at, int keep) {
		this.redis.execute(FIRED, List.of(this.keys.schedule(schedule)), jobId, Long.toString(at.toEpochMilli()),
				Integer.toString(keep));
	}

	@Override
	public void count(String schedule, long missed, long skipped) {
		String key = this.keys.schedule(schedule);
		if (missed > 0) {
			this.redis.opsForHash().increment(key, "missed", missed);
		}
		if (skipped > 0) {
			this.redis.opsForHash().increment(key, "skipped", skipped);
		}
	}

	@Override
	public void pause(String schedule, boolean paused) {
		this.redis.opsForHash().put(this.keys.schedule(schedule), "paused", paused ? "1" : "0");
	}

	@Override
	public Optional<ScheduleState> state(String schedule) {
		Map<Object, Object> fields = this.redis.opsForHash().entries(this.keys.schedule(schedule));
		if (fields.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new ScheduleState(millis(fields.get("last")), ids((String) fields.get("jobs")),
				millis(fields.get("firedAt")), "1".equals(fields.get("paused")), number(fields.get("missed")),
				number(fields.get("skipped"))));
	}

	private static Instant millis(Object value) {
		if (value == null || value.toString().isEmpty()) {
			return null;
		}
		return Instant.ofEpochMilli(Long.parseLong(value.toString()));
	}

	private static long number(Object value) {
		return (value != null) ? Long.parseLong(value.toString()) : 0;
	}

	private static List<String> ids(String value) {
		if (value == null || value.isEmpty()) {
			return List.of();
		}
		return Arrays.asList(value.split(","));
	}

}
