package dev.jobs.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.lettuce.core.cluster.SlotHash;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Splits a batch of records into the groups one script call may take. Redis Cluster refuses a
 * call whose keys hash to different slots (CROSSSLOT), so on a cluster a batch goes as one group
 * per hash slot, each in the order of the batch; a single Redis (or a Sentinel set-up) takes the
 * batch whole.
 * <p>
 * The result keys ({@code <prefix>result:<id>}) carry no hash tag on purpose: the records of a
 * busy system spread over every master instead of heating one slot. The price is that two jobs
 * rarely share a slot, so on a cluster a batch of n records is close to n groups; what the
 * batch still saves there is the round trips, because its groups are sent together.
 */
final class SlotGroups {

	private final boolean cluster;

	private SlotGroups(boolean cluster) {
		this.cluster = cluster;
	}

	/**
	 * The grouping for the Redis a factory connects to, known without connecting.
	 * @param connectionFactory the factory
	 * @return by slot on a Redis Cluster, whole otherwise
	 */
	static SlotGroups of(RedisConnectionFactory connectionFactory) {
		return new SlotGroups(
				connectionFactory instanceof LettuceConnectionFactory lettuce && lettuce.isClusterAware());
	}

	/**
	 * A grouping by slot ({@code true}) or whole ({@code false}).
	 * @param cluster whether Redis is a cluster
	 * @return the grouping
	 */
	static SlotGroups forCluster(boolean cluster) {
		return new SlotGroups(cluster);
	}

	/**
	 * Whether Redis is a cluster, so that a batch is split by slot.
	 * @return {@code true} on a Redis Cluster
	 */
	boolean cluster() {
		return this.cluster;
	}

	/**
	 * The batch's groups, in the order of their first item, each in the order of the batch.
	 * @param <T> the item type
	 * @param batch the items
	 * @param key each item's Redis key
	 * @return one group on a single Redis; one group per hash slot on a cluster
	 */
	<T> List<List<T>> split(List<T> batch, Function<T, String> key) {
		if (!this.cluster || batch.size() < 2) {
			return List.of(batch);
		}
		Map<Integer, List<T>> groups = new LinkedHashMap<>();
		for (T item : batch) {
			int slot = SlotHash.getSlot(key.apply(item).getBytes(StandardCharsets.UTF_8));
			groups.computeIfAbsent(slot, (ignored) -> new ArrayList<>()).add(item);
		}
		return List.copyOf(groups.values());
	}

}
