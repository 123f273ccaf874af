package dev.jobs.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch is split by hash slot on a Redis Cluster, each group in the batch's order, and kept
 * whole on a single Redis.
 */
class SlotGroupsTests {

	@Test
	void onAClusterEachGroupHoldsTheKeysOfOneSlotInTheBatchsOrder() {
		// {a} and {b} are hash tags: the keys of one tag share a slot, whatever follows it.
		List<String> batch = List.of("{a}1", "{b}1", "{a}2", "{c}1", "{b}2", "{a}3");

		List<List<String>> groups = SlotGroups.forCluster(true).split(batch, (key) -> key);

		assertThat(groups).containsExactly(List.of("{a}1", "{a}2", "{a}3"), List.of("{b}1", "{b}2"), List.of("{c}1"));
		for (List<String> group : groups) {
			assertThat(group).extracting(SlotGroupsTests::slot).containsOnly(slot(group.get(0)));
		}
	}

	@Test
	void resultKeysOfDifferentJobsRarelyShareASlot() {
		List<String> batch = List.of("jobs:result:6b1d9f1e-1", "jobs:result:6b1d9f1e-2", "jobs:result:6b1d9f1e-3");

		assertThat(SlotGroups.forCluster(true).split(batch, (key) -> key)).hasSize(3);
	}

	@Test
	void onASingleRedisTheBatchStaysWhole() {
		List<String> batch = List.of("{a}1", "{b}1", "{c}1");

		assertThat(SlotGroups.forCluster(false).split(batch, (key) -> key)).containsExactly(batch);
	}

	private static int slot(String key) {
		return SlotHash.getSlot(key.getBytes(StandardCharsets.UTF_8));
	}

}
