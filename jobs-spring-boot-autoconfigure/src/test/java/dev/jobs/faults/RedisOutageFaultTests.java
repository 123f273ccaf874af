package dev.jobs.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.autoconfigure.JobsHealthContributorAutoConfiguration;
import dev.jobs.autoconfigure.JobsOperationsAutoConfiguration;
import dev.jobs.rabbit.deadletter.DeadLetterHeaders;
import dev.jobs.rabbit.topology.JobsTopology;
import dev.jobs.rabbit.topology.QueueType;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault 3: Redis goes down during enqueue and consume load, and comes back. A job guarded by an
 * idempotency key must not run while its guard cannot be taken; the results must be written
 * once Redis is back; the {@code jobs} health indicator must go DOWN and then UP again; and the
 * outage must not dead-letter any job as {@code DELIVERY_LIMIT}.
 */
class RedisOutageFaultTests {

	private static final Duration OUTAGE = Duration.ofSeconds(15);

	@BeforeAll
	static void startBroker() {
		FaultBroker.start();
	}

	@Test
	@Timeout(value = 4, unit = TimeUnit.MINUTES)
	void guardedJobsWaitForRedisAndEveryAcceptedJobEndsWithItsResult() {
		try (FaultRedis redis = FaultRedis.started()) {
			FaultNamespace namespace = FaultNamespace.fresh().via(FaultBroker.PORT, redis.port());
			namespace.worker()
				.withConfiguration(AutoConfigurations.of(JobsOperationsAutoConfiguration.class,
						JobsHealthContributorAutoConfiguration.class))
				.withPropertyValues("spring.data.redis.timeout=2s",
						"jobs.queues." + namespace.queue() + ".delivery-limit=3")
				.run((context) -> {
					Jobs jobs = context.getBean(Jobs.class);
					FaultTasks tasks = context.getBean(FaultTasks.class);
					HealthIndicator health = context.getBean("jobsHealthIndicator", HealthIndicator.class);
					try (SteadyLoad load = SteadyLoad.start(jobs, "guarded-effect")) {
						await().atMost(Duration.ofMinutes(1)).until(() -> load.accepted().size() >= 100);
						Health before = health.health();
						assertThat(before.getStatus()).as("health before the outage: %s", before.getDetails())
							.isEqualTo(Status.UP);

						redis.kill();
						await().atMost(Duration.ofSeconds(30)).until(() -> health.health().getStatus().equals(Status.DOWN));
						// A run starts right after its claim; once the outage is seen, every claim
						// made before it has long started its run, and a new run needs a new claim.
						long runsWhileDown = tasks.guardedRuns();
						Thread.sleep(OUTAGE.toMillis());
						long unguardedRuns = tasks.guardedRuns() - runsWhileDown;

						redis.start();
						await().atMost(Duration.ofMinutes(1)).until(() -> health.health().getStatus().equals(Status.UP));
						long acceptedBefore = load.accepted().size();
						await().atMost(Duration.ofMinutes(1)).until(() -> load.accepted().size() >= acceptedBefore + 100);
						load.stop();

						List<JobHandle<Object>> accepted = load.accepted();
						awaitSettled(accepted);
						long processed = accepted.stream().filter((job) -> job.status() == JobStatus.SUCCESS).count();
						Effects effects = Effects.read(context.getBean(StringRedisTemplate.class), namespace, load.keys());
						System.out.println("fault=redis_restart refused=" + load.refused() + " runs_without_guard="
								+ unguardedRuns);
						FaultTally.of("redis_restart", accepted.size(), processed, effects.duplicated()).printAndAssert();
						assertThat(unguardedRuns).as("guarded runs started while Redis was down").isZero();
						assertThat(deliveryLimitLetters(namespace)).isZero();
					}
				});
		}
	}

	private static long deliveryLimitLetters(FaultNamespace namespace) {
		String deadLetterQueue = new JobsTopology(namespace.prefix(), QueueType.QUORUM, List::of).deadLetterQueue();
		List<Map<String, Object>> letters = FaultBroker.headersIn(deadLetterQueue);
		return letters.stream()
			.filter((headers) -> "DELIVERY_LIMIT".equals(String.valueOf(headers.get(DeadLetterHeaders.REASON))))
			.count();
	}

	private static void awaitSettled(List<JobHandle<Object>> handles) {
		try {
			await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
				.until(() -> handles.stream().allMatch((handle) -> handle.status().isTerminal()));
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			// Counted as lost by the tally, with the numbers.
		}
	}

}
