package dev.jobs.actuate.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobFailedException;
import dev.jobs.JobHandle;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.autoconfigure.JobsMetricsAutoConfiguration;
import dev.jobs.autoconfigure.JobsOperationsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The jobs meters, moved by real jobs run by a worker against the real RabbitMQ and Redis.
 */
class JobMetersIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final JobsContextRunner jobs = new JobsContextRunner();

	private final String queue = this.jobs.queue();

	private final ApplicationContextRunner runner = this.jobs.worker()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				JobsOperationsAutoConfiguration.class, JobsMetricsAutoConfiguration.class))
		.withUserConfiguration(TaskConfiguration.class)
		.withPropertyValues("jobs.retry.default.max-attempts=1");

	@AfterEach
	void cleanUp() {
		this.jobs.cleanUp();
	}

	@Test
	void countersAndTimerMoveAsJobsAreEnqueuedAndSettled() {
		this.runner.run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);

			jobs.enqueue(MeteredTasks::square, 7).await(TIMEOUT);
			jobs.enqueue(MeteredTasks::square, 8).await(TIMEOUT);
			JobHandle<Integer> failing = jobs.enqueue(MeteredTasks::square, -1);
			assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> failing.await(TIMEOUT));

			assertThat(registry.get("jobs.enqueued").tag("task", "ops-square").tag("queue", this.queue).counter()
				.count()).isEqualTo(3);
			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(completed(registry, "success")).isEqualTo(2);
				assertThat(completed(registry, "failure")).isEqualTo(1);
			});
			assertThat(registry.get("jobs.duration").tag("task", "ops-square").tag("queue", this.queue).timer()
				.count()).isEqualTo(3);
		});
	}

	@Test
	void gaugesReadTheQueueAndTheDeadLetterQueue() {
		this.runner.run((context) -> {
			context.getBean(Jobs.class).enqueue(MeteredTasks::square, 2).await(TIMEOUT);
			MeterRegistry registry = context.getBean(MeterRegistry.class);

			assertThat(registry.get("jobs.queue.depth").tag("queue", this.queue).gauge().value()).isNotNaN()
				.isNotNegative();
			assertThat(registry.get("jobs.dlq.depth").gauge().value()).isNotNaN().isNotNegative();
		});
	}

	private double completed(MeterRegistry registry, String outcome) {
		return registry.get("jobs.completed")
			.tag("task", "ops-square")
			.tag("queue", this.queue)
			.tag("outcome", outcome)
			.counter()
			.count();
	}

	static class MeteredTasks {

		@BackgroundTask(name = "ops-square")
		int square(int value) {
			if (value < 0) {
				throw new IllegalArgumentException("negative: " + value);
			}
			return value * value;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		MeteredTasks meteredTasks() {
			return new MeteredTasks();
		}

	}

}
