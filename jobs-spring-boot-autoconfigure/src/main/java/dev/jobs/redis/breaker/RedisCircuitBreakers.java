package dev.jobs.redis.breaker;

import java.time.Duration;
import java.util.List;

import dev.jobs.core.port.BreakerSettings;
import dev.jobs.core.port.BreakerState;
import dev.jobs.core.port.CircuitBreakers;
import dev.jobs.redis.RedisKeys;
import dev.jobs.redis.RedisScripts;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Circuit breakers in Redis: one hash per task, {@code <prefix>breaker:<task>}, without a time to
 * live. Each decision is one Lua script over that one key ({@code breaker_admit.lua},
 * {@code breaker_record.lua}), on Redis's clock, so every instance sees the same state and a
 * Redis Cluster keeps it in one slot.
 */
public final class RedisCircuitBreakers implements CircuitBreakers {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> ADMIT = RedisScripts.load("breaker_admit.lua", List.class);

	private static final RedisScript<String> RECORD = RedisScripts.load("breaker_record.lua", String.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	/**
	 * Breakers on this connection factory.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 */
	public RedisCircuitBreakers(RedisConnectionFactory connectionFactory, RedisKeys keys) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
	}

	@Override
	public Pass admit(String task, BreakerSettings settings) {
		List<?> reply = this.redis.execute(ADMIT, List.of(this.keys.breaker(task)),
				RedisScripts.millis(settings.openDuration()), Integer.toString(settings.halfOpenProbes()));
		long decision = ((Number) reply.get(0)).longValue();
		if (decision == 0) {
			return Pass.CLOSED;
		}
		if (decision == 1) {
			return new Pass(true, true, Duration.ZERO);
		}
		return new Pass(false, false, Duration.ofMillis(Math.max(1, ((Number) reply.get(1)).longValue())));
	}

	@Override
	public BreakerState record(String task, BreakerSettings settings, Pass pass, AttemptResult result) {
		String code = switch (result) {
			case SUCCESS -> "0";
			case FAILURE -> "1";
			case NEITHER -> "x";
		};
		return parse(this.redis.execute(RECORD, List.of(this.keys.breaker(task)), code, pass.probe() ? "1" : "0",
				Integer.toString(settings.slidingWindow()), Integer.toString(settings.minimumAttempts()),
				Integer.toString(settings.failureRateThreshold()), RedisScripts.millis(settings.openDuration()),
				Integer.toString(settings.halfOpenProbes())));
	}

	@Override
	public BreakerState state(String task) {
		Object state = this.redis.opsForHash().get(this.keys.breaker(task), "state");
		return parse((state != null) ? state.toString() : null);
	}

	@Override
	public void force(String task, boolean open) {
		if (open) {
			this.redis.opsForHash().put(this.keys.breaker(task), "state", "forced");
		}
		else {
			this.redis.delete(this.keys.breaker(task));
		}
	}

	private static BreakerState parse(String stored) {
		if (stored == null) {
			return BreakerState.CLOSED;
		}
		return switch (stored) {
			case "open" -> BreakerState.OPEN;
			case "half_open" -> BreakerState.HALF_OPEN;
			case "forced" -> BreakerState.FORCED_OPEN;
			default -> BreakerState.CLOSED;
		};
	}

}
