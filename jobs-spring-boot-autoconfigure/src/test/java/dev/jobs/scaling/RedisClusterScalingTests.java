package dev.jobs.scaling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.scaling.RedisScalingLoad.RedisScalingTasks;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter on a Redis Cluster of three masters with a replica each ({@link RedisClusterNodes}),
 * with no setting of its own beyond {@code spring.data.redis.cluster.nodes}: the starter's
 * topology refresh and command timeout are what keeps it going.
 * <ol>
 * <li>A burst of unguarded jobs, counting Lua script calls per job: result and PENDING batches
 * are split by hash slot, never refused with CROSSSLOT.</li>
 * <li>Steady load (guarded jobs and awaits among them); the master serving the slot of a record
 * just written is killed; its replica takes over. Every accepted job must end with its SUCCESS
 * record, no guarded effect may happen twice, and every await must return.</li>
 * </ol>
 */
class RedisClusterScalingTests {

	private static final int BURST = 1000;

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void aMasterKilledMidLoadLosesNoResultAndDuplicatesNoGuardedEffect() {
		RedisClusterNodes cluster = RedisClusterNodes.start();
		RedisScalingLoad.worker("spring.data.redis.cluster.nodes=" + String.join(",", cluster.nodes()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Jobs jobs = context.getBean(Jobs.class);
				RedisScalingTasks tasks = context.getBean(RedisScalingTasks.class);
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				String keyPrefix = context.getEnvironment().getRequiredProperty("jobs.redis.key-prefix");

				cluster.resetStats();
				List<JobHandle<Object>> burst = burst(jobs);
				await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
					.until(() -> burst.stream().allMatch((job) -> job.status() == JobStatus.SUCCESS));
				double callsPerJob = (double) cluster.scriptCalls() / BURST;
				System.out.printf("case=redis_cluster_batches jobs=%d script_calls_per_job=%.2f%n", BURST, callsPerJob);

				try (RedisScalingLoad load = RedisScalingLoad.start(jobs, tasks)) {
					await().atMost(Duration.ofMinutes(1)).until(() -> load.acceptedCount() >= 500);
					String resultKey = keyPrefix + "result:" + load.lastJobId();
					int victim = cluster.masterOf(resultKey);
					long killedAt = System.nanoTime();
					cluster.killMaster(victim);
					await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
						.until(() -> cluster.masterOf(resultKey) != victim);
					long failoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
					int acceptedAtFailover = load.acceptedCount();
					await().atMost(Duration.ofMinutes(1)).until(() -> load.acceptedCount() >= acceptedAtFailover + 1500);
					load.stop();

					RedisScalingLoad.Tally tally = load.settle(redis, keyPrefix, Duration.ofSeconds(90));
					System.out.println(tally.line("redis_cluster_master_killed") + " killed_port=" + victim
							+ " failover_ms=" + failoverMillis);
					assertThat(tally.lost()).as("accepted jobs without their SUCCESS record").isZero();
					assertThat(tally.duplicatedEffects()).as("guarded effects that happened twice").isZero();
					assertThat(tally.awaitFailures()).as("awaits that threw").isZero();
					cluster.restart(victim);
				}
			});
	}

	/** Enqueues the burst from four threads, so that records of several jobs wait together. */
	private static List<JobHandle<Object>> burst(Jobs jobs) throws Exception {
		ExecutorService producers = Executors.newFixedThreadPool(4);
		try {
			List<Future<JobHandle<Object>>> sent = new ArrayList<>();
			for (int i = 0; i < BURST; i++) {
				String key = "burst-" + i;
				sent.add(producers.submit(() -> jobs.enqueue("scaling-effect", key)));
			}
			List<JobHandle<Object>> handles = new ArrayList<>();
			for (Future<JobHandle<Object>> job : sent) {
				handles.add(job.get(1, TimeUnit.MINUTES));
			}
			return handles;
		}
		finally {
			producers.shutdownNow();
		}
	}

}
