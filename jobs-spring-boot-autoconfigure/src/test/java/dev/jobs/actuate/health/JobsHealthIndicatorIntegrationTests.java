package dev.jobs.actuate.health;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.JobsContextRunner;
import dev.jobs.autoconfigure.JobsHealthContributorAutoConfiguration;
import dev.jobs.autoconfigure.JobsOperationsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code jobs} health contributor against the real RabbitMQ and Redis, and against ports
 * where nothing listens.
 */
class JobsHealthIndicatorIntegrationTests {

	private final JobsContextRunner jobs = new JobsContextRunner();

	private final ApplicationContextRunner runner = this.jobs.producer()
		.withConfiguration(AutoConfigurations.of(JobsOperationsAutoConfiguration.class,
				JobsHealthContributorAutoConfiguration.class));

	@AfterEach
	void cleanUp() {
		this.jobs.cleanUp();
	}

	@Test
	void upWhenBrokerAndRedisAnswerWithTheQueueDepthsInTheDetails() {
		this.runner.run((context) -> {
			Health health = context.getBean("jobsHealthIndicator", HealthIndicator.class).health();

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("broker", "up").containsEntry("redis", "up");
			assertThat(health.getDetails()).containsKeys("queues", "deadLetters", "delayed");
			assertThat((Map<String, Object>) health.getDetails().get("queues")).containsKey(this.jobs.queue());
		});
	}

	@Test
	void downWhenRedisIsUnreachable() {
		this.runner.withPropertyValues("spring.data.redis.port=1").run((context) -> {
			Health health = context.getBean("jobsHealthIndicator", HealthIndicator.class).health();

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("broker", "up");
			assertThat(health.getDetails().get("redis")).asString().startsWith("unreachable");
		});
	}

	@Test
	void downWhenTheBrokerIsUnreachable() {
		this.runner.withPropertyValues("spring.rabbitmq.port=1").run((context) -> {
			Health health = context.getBean("jobsHealthIndicator", HealthIndicator.class).health();

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("broker")).asString().startsWith("unreachable");
			assertThat(health.getDetails()).containsEntry("redis", "up").doesNotContainKey("queues");
		});
	}

}
