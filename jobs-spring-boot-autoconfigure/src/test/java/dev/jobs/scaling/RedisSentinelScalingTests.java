package dev.jobs.scaling;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.jobs.Jobs;
import dev.jobs.redis.RedisKeys;
import dev.jobs.redis.ReplicaAcks;
import dev.jobs.redis.idempotency.RedisIdempotencyStore;
import dev.jobs.scaling.RedisScalingLoad.RedisScalingTasks;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter on a Redis Sentinel set-up ({@link RedisSentinelNodes}) with only
 * {@code spring.data.redis.sentinel.*} set, so claims wait for one replica (the default there).
 * <ol>
 * <li>The cost of that wait: idempotency claims timed with and without {@code WAIT 1}, on the
 * same connection factory.</li>
 * <li>Steady load (guarded jobs and awaits among them); the master is killed and the sentinels
 * promote the replica. Every accepted job must end with its SUCCESS record, no guarded effect
 * may happen twice, and every await must return.</li>
 * </ol>
 */
class RedisSentinelScalingTests {

	private static final int CLAIMS = 2000;

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void aMasterFailoverMidLoadLosesNoResultAndDuplicatesNoGuardedEffect() {
		RedisSentinelNodes sentinel = RedisSentinelNodes.start();
		RedisScalingLoad
			.worker("spring.data.redis.sentinel.master=" + sentinel.master(),
					"spring.data.redis.sentinel.nodes=" + String.join(",", sentinel.sentinels()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ReplicaAcks.class).replicas()).isEqualTo(1);
				Jobs jobs = context.getBean(Jobs.class);
				RedisScalingTasks tasks = context.getBean(RedisScalingTasks.class);
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				String keyPrefix = context.getEnvironment().getRequiredProperty("jobs.redis.key-prefix");

				RedisConnectionFactory factory = context.getBean(RedisConnectionFactory.class);
				RedisKeys keys = new RedisKeys(keyPrefix);
				double without = microsPerClaim(new RedisIdempotencyStore(factory, keys, new JsonMapper()));
				double with = microsPerClaim(new RedisIdempotencyStore(factory, keys, new JsonMapper(),
						new ReplicaAcks(1, Duration.ofMillis(100))));
				System.out.printf("case=redis_sentinel_wait claims=%d us_per_claim_without_wait=%.0f"
						+ " us_per_claim_with_wait_1=%.0f round_trips_per_claim=1+1%n", CLAIMS, without, with);

				try (RedisScalingLoad load = RedisScalingLoad.start(jobs, tasks)) {
					await().atMost(Duration.ofMinutes(1)).until(() -> load.acceptedCount() >= 500);
					long killedAt = System.nanoTime();
					int old = sentinel.killMaster();
					await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
						.until(() -> sentinel.masterPort() != old);
					long failoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
					int acceptedAtFailover = load.acceptedCount();
					await().atMost(Duration.ofMinutes(1)).until(() -> load.acceptedCount() >= acceptedAtFailover + 1500);
					load.stop();

					RedisScalingLoad.Tally tally = load.settle(redis, keyPrefix, Duration.ofSeconds(90));
					System.out.println(tally.line("redis_sentinel_master_killed") + " killed_port=" + old
							+ " failover_ms=" + failoverMillis);
					assertThat(tally.lost()).as("accepted jobs without their SUCCESS record").isZero();
					assertThat(tally.duplicatedEffects()).as("guarded effects that happened twice").isZero();
					assertThat(tally.awaitFailures()).as("awaits that threw").isZero();
					sentinel.restart(old);
				}
			});
	}

	/** Claims fresh idempotency keys one after the other and returns the mean time of one. */
	private static double microsPerClaim(RedisIdempotencyStore store) {
		String run = UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 200; i++) {
			store.claim("warm-" + run + "-" + i, "owner", "job", Duration.ofMinutes(1));
		}
		long started = System.nanoTime();
		for (int i = 0; i < CLAIMS; i++) {
			store.claim("claim-" + run + "-" + i, "owner", "job", Duration.ofMinutes(1));
		}
		return (System.nanoTime() - started) / 1000.0 / CLAIMS;
	}

}
