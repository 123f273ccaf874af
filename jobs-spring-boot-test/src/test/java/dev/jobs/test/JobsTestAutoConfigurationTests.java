package dev.jobs.test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.jobs.BackgroundTask;
import dev.jobs.Jobs;
import dev.jobs.autoconfigure.JobsAutoConfiguration;
import dev.jobs.autoconfigure.JobsOperationsAutoConfiguration;
import dev.jobs.core.port.DeadLetterQueue;
import dev.jobs.core.port.QueueInspector;
import org.junit.jupiter.api.Test;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Test mode's wiring as the starter meets it, with RabbitMQ and Redis on a closed port: what it
 * refuses at start-up, and what it leaves to the application.
 */
class JobsTestAutoConfigurationTests {

	private static final int CLOSED_PORT = ClosedPorts.any();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
				JobsAutoConfiguration.class, JobsOperationsAutoConfiguration.class, JobsTestAutoConfiguration.class))
		.withUserConfiguration(PingConfiguration.class)
		.withPropertyValues("spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=" + CLOSED_PORT,
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + CLOSED_PORT);

	@Test
	void inlineModeWithoutAWorkerFailsStartUpNamingTheProperty() {
		this.runner.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.hasMessageContaining("jobs.worker.queues")
			.hasMessageContaining("CAPTURE"));
	}

	@Test
	void captureModeWithoutAWorkerRecordsEnqueuesAndRefusesToRunThem() {
		this.runner.withPropertyValues("jobs.test.mode=capture").run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(Jobs.class).enqueue(PingTasks::ping);
			JobsTestHarness harness = context.getBean(JobsTestHarness.class);
			assertThat(harness.enqueued("ping")).hasSize(1);
			assertThatIllegalStateException().isThrownBy(harness::runAll).withMessageContaining("jobs.worker.queues");
		});
	}

	@Test
	void theApplicationsOwnClockStaysTheOneInjectedByTypeWhileTheEngineRunsOnTheVirtualOne() {
		this.runner.withPropertyValues("jobs.worker.queues=default")
			.withBean("applicationClock", Clock.class, () -> Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Clock.class).instant()).isEqualTo(Instant.EPOCH);
				JobsTestHarness harness = context.getBean(JobsTestHarness.class);
				context.getBean(Jobs.class).enqueue(PingTasks::ping);
				assertThat(harness.enqueued("ping")).singleElement()
					.satisfies((job) -> assertThat(job.enqueuedAt()).isEqualTo(harness.clock().instant()));
			});
	}

	@Test
	void queueDepthsAndTheDeadLetterQueueSayTheyAreNotAvailableInTestMode() {
		this.runner.withPropertyValues("jobs.worker.queues=default").run((context) -> {
			assertThatExceptionOfType(UnsupportedOperationException.class)
				.isThrownBy(() -> context.getBean(QueueInspector.class).snapshot())
				.withMessageContaining("JobsTestHarness.waiting()");
			assertThat(context.getBean(DeadLetterQueue.class)).isSameAs(context.getBean(QueueInspector.class));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class PingConfiguration {

		@Bean
		PingTasks pingTasks() {
			return new PingTasks();
		}

	}

	static class PingTasks {

		@BackgroundTask(name = "ping")
		public String ping() {
			return "pong";
		}

	}

}
