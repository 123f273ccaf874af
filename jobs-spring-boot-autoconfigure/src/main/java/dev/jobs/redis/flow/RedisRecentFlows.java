package dev.jobs.redis.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.jobs.core.port.BatchStore;
import dev.jobs.core.port.FlowStore;
import dev.jobs.core.port.RecentFlows;
import dev.jobs.redis.RedisKeys;
import dev.jobs.redis.RedisScripts;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;

/**
 * The newest workflows and batches, from two sorted sets of ids scored by when they were
 * started ({@code <prefix>index:workflows}, {@code <prefix>index:batches}), which the stores add
 * to as they start them ({@link #add}) and which keep the newest {@value #KEPT}. Each listed one's
 * state is then read from its own record; an id whose state has expired is taken out of the set.
 * One command to add, on its own key, so this works on a Redis Cluster as well.
 */
public final class RedisRecentFlows implements RecentFlows {

	/** How many ids each index keeps. */
	static final int KEPT = 10_000;

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final FlowStore flows;

	private final BatchStore batches;

	/**
	 * Reads the indexes on this connection factory and the states through the stores.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 * @param flows the workflows' states
	 * @param batches the batches' states
	 */
	public RedisRecentFlows(RedisConnectionFactory connectionFactory, RedisKeys keys, FlowStore flows,
			BatchStore batches) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
		this.flows = flows;
		this.batches = batches;
	}

	@Override
	public List<Workflow> workflows(int limit) {
		return newest(workflowIndex(this.keys), limit,
				(entry) -> present(this.flows.state(entry.getValue()), (state) -> new Workflow(entry.getValue(),
						startedAt(entry), state)));
	}

	@Override
	public List<Batch> batches(int limit) {
		return newest(batchIndex(this.keys), limit,
				(entry) -> present(this.batches.counts(entry.getValue()), (counts) -> new Batch(entry.getValue(),
						startedAt(entry), counts)));
	}

	private <T> List<T> newest(String index, int limit, Function<TypedTuple<String>, T> read) {
		if (limit < 1) {
			throw new IllegalArgumentException("Asked for " + limit + " entries; ask for 1 or more");
		}
		Set<TypedTuple<String>> entries = this.redis.opsForZSet().reverseRangeWithScores(index, 0, limit - 1);
		List<T> found = new ArrayList<>();
		for (TypedTuple<String> entry : (entries != null) ? entries : Set.<TypedTuple<String>>of()) {
			T item = read.apply(entry);
			if (item != null) {
				found.add(item);
			}
			else {
				this.redis.opsForZSet().remove(index, entry.getValue());
			}
		}
		return found;
	}

	private static <S, T> T present(S state, Function<S, T> item) {
		return (state != null) ? item.apply(state) : null;
	}

	private static Instant startedAt(TypedTuple<String> entry) {
		return Instant.ofEpochMilli((entry.getScore() != null) ? entry.getScore().longValue() : 0);
	}

	/**
	 * Adds a workflow or batch just started to its index, and trims the index to the newest
	 * {@value #KEPT}: one round trip, two commands.
	 * @param redis the template
	 * @param index the index key
	 * @param id the workflow or batch id
	 */
	static void add(StringRedisTemplate redis, String index, String id) {
		byte[] key = RedisScripts.utf8(index);
		redis.executePipelined((RedisCallback<Object>) (connection) -> {
			connection.zSetCommands().zAdd(key, System.currentTimeMillis(), RedisScripts.utf8(id));
			connection.zSetCommands().zRemRange(key, 0, -(KEPT + 1));
			return null;
		});
	}

	static String workflowIndex(RedisKeys keys) {
		return keys.index("workflows");
	}

	static String batchIndex(RedisKeys keys) {
		return keys.index("batches");
	}

}
