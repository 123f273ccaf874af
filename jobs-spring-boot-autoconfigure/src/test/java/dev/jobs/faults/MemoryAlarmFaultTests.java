package dev.jobs.faults;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsUnavailableException;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fault 9: the broker raises its memory alarm and blocks every publishing connection. An
 * enqueue must fail at once, naming the alarm, instead of waiting for a confirm that cannot
 * come; once the alarm clears, enqueue and the job's run work again on their own.
 * <p>
 * The alarm is raised on the suite's own node: on the shared broker it would block every other
 * build's publishers too.
 */
class MemoryAlarmFaultTests {

	private final FaultNamespace namespace = FaultNamespace.fresh();

	@BeforeAll
	static void startBroker() {
		FaultBroker.start();
	}

	@Test
	@Timeout(value = 2, unit = TimeUnit.MINUTES)
	void whileTheBrokerBlocksPublishersEnqueueFailsNamingTheAlarmAndWorksAgainAfterIt() {
		this.namespace.worker().run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			JobHandle<Object> before = jobs.enqueue("effect", "before the alarm");
			try {
				FaultBroker.rabbitmqctl("set_vm_memory_high_watermark", "0");
				// The broker blocks a connection once that connection publishes; from then on,
				// enqueues fail at once instead of waiting out the confirm timeout.
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThatExceptionOfType(JobsUnavailableException.class)
						.isThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(1),
								() -> jobs.enqueue("effect", "during the alarm")))
						.withMessageContaining("RabbitMQ is blocking publishers"));
			}
			finally {
				FaultBroker.rabbitmqctl("set_vm_memory_high_watermark", "0.4");
			}
			AtomicReference<JobHandle<Object>> after = new AtomicReference<>();
			await().atMost(Duration.ofSeconds(20)).ignoreException(JobsUnavailableException.class).until(() -> {
				after.set(jobs.enqueue("effect", "after the alarm"));
				return true;
			});
			List<JobHandle<Object>> accepted = List.of(before, after.get());
			try {
				await().atMost(Duration.ofSeconds(30)).until(() -> accepted.stream().allMatch((job) -> job.status().isTerminal()));
			}
			catch (ConditionTimeoutException ex) {
				// Counted as lost by the tally, with the numbers.
			}
			long processed = accepted.stream().filter((job) -> job.status() == JobStatus.SUCCESS).count();
			FaultTally.of("memory_alarm", accepted.size(), processed, 0).printAndAssert();
		});
	}

}
