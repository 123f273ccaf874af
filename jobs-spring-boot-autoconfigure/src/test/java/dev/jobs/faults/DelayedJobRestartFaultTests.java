package dev.jobs.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.jobs.JobHandle;
import dev.jobs.JobOptions;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault 6: the broker restarts while a delayed job and a retry wait in the delay levels. Both
 * are persistent messages in durable queues, so both must run after the restart, and not
 * before they are due.
 */
class DelayedJobRestartFaultTests {

	private static final Duration DELAY = Duration.ofSeconds(15);

	private final FaultNamespace namespace = FaultNamespace.fresh();

	@BeforeAll
	static void startBroker() {
		FaultBroker.start();
	}

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void delayedJobAndWaitingRetryRunAfterABrokerRestart() {
		this.namespace.worker()
			.withPropertyValues("jobs.retry.policies.slow.max-attempts=3", "jobs.retry.policies.slow.initial-delay=15s",
					"jobs.retry.policies.slow.jitter=false", "jobs.tasks.[fails-once].retry=slow")
			.run((context) -> {
				Jobs jobs = context.getBean(Jobs.class);
				Instant enqueued = Instant.now();
				JobHandle<Object> delayed = jobs.with(JobOptions.defaults().delay(DELAY)).enqueue("effect", "delayed");
				JobHandle<Object> retried = jobs.enqueue("fails-once", "retried");
				await().atMost(Duration.ofMinutes(1)).until(() -> retried.status() == JobStatus.RETRYING);

				FaultBroker.stopApp();
				FaultBroker.startApp();

				List<JobHandle<Object>> both = List.of(delayed, retried);
				try {
					await().atMost(Duration.ofMinutes(2)).until(() -> both.stream().allMatch((job) -> job.status().isTerminal()));
				}
				catch (org.awaitility.core.ConditionTimeoutException ex) {
					// Counted as lost by the tally, with the numbers.
				}
				long processed = both.stream().filter((job) -> job.status() == JobStatus.SUCCESS).count();
				FaultTally.of("delayed_broker_restart", both.size(), processed, 0).printAndAssert();
				assertThat(Duration.between(enqueued, delayed.snapshot().startedAt())).isGreaterThanOrEqualTo(DELAY);
				assertThat(retried.snapshot().attempts()).isEqualTo(2);
			});
	}

}
