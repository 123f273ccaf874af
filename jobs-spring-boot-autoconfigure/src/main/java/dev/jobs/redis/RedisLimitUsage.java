package dev.jobs.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.jobs.core.port.LimitUsage;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;

/**
 * The budgets {@link BudgetIndex} noted, with their use read where the guards keep it: a
 * concurrency budget's permits are a sorted set scored by when each lease runs out, in
 * milliseconds on Redis's clock ({@code <prefix>concurrency:<budget>}); a rate budget is the time
 * its next slot is due, in microseconds on Redis's clock ({@code <prefix>rate:<budget>},
 * {@code rate_limit.lua}). Redis's clock, a trim and a read of each index, then every budget
 * in one pipelined round trip; each command is on one key, so it works on a Redis Cluster as
 * well.
 */
public final class RedisLimitUsage implements LimitUsage {

	/** Index entries not used for this long are trimmed as they are read. */
	private static final Duration KEPT = Duration.ofHours(1);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	/**
	 * Reads the budgets on this connection factory.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 */
	public RedisLimitUsage(RedisConnectionFactory connectionFactory, RedisKeys keys) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
	}

	@Override
	public List<Budget> recent(Duration within, int limit) {
		long now = RedisScripts.serverMillis(this.redis);
		List<TypedTuple<String>> noted = new ArrayList<>();
		List<Kind> kinds = new ArrayList<>();
		for (Kind kind : Kind.values()) {
			String index = BudgetIndex.key(this.keys, kind);
			this.redis.opsForZSet().removeRangeByScore(index, Double.NEGATIVE_INFINITY, now - KEPT.toMillis());
			Set<TypedTuple<String>> found = this.redis.opsForZSet()
				.reverseRangeByScoreWithScores(index, now - within.toMillis(), Double.POSITIVE_INFINITY, 0, limit);
			for (TypedTuple<String> entry : (found != null) ? found : Set.<TypedTuple<String>>of()) {
				noted.add(entry);
				kinds.add(kind);
			}
		}
		if (noted.isEmpty()) {
			return List.of();
		}
		List<Object> replies = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			for (int i = 0; i < noted.size(); i++) {
				String budget = noted.get(i).getValue();
				if (kinds.get(i) == Kind.CONCURRENCY) {
					// Leases are whole milliseconds; one that runs out at 'now' is over, as in the scripts.
					connection.zSetCommands()
						.zCount(RedisScripts.utf8(this.keys.concurrency(budget)), now + 1, Double.POSITIVE_INFINITY);
				}
				else {
					connection.stringCommands().get(RedisScripts.utf8(this.keys.rate(budget)));
				}
			}
			return null;
		});
		List<Budget> budgets = new ArrayList<>(noted.size());
		for (int i = 0; i < noted.size(); i++) {
			TypedTuple<String> entry = noted.get(i);
			Instant lastUsed = Instant.ofEpochMilli((entry.getScore() != null) ? entry.getScore().longValue() : 0);
			Object reply = replies.get(i);
			if (kinds.get(i) == Kind.CONCURRENCY) {
				long held = (reply instanceof Long count) ? count : 0;
				budgets.add(new Budget(Kind.CONCURRENCY, entry.getValue(), lastUsed, held, Duration.ZERO));
			}
			else {
				long aheadMicros = (reply != null) ? Long.parseLong(reply.toString()) - now * 1000 : 0;
				budgets.add(new Budget(Kind.RATE, entry.getValue(), lastUsed, 0,
						Duration.ofNanos(Math.max(0, aheadMicros) * 1000)));
			}
		}
		return budgets;
	}

}
