package dev.jobs.actuate.health;

import java.time.Duration;
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
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The {@code jobs} health contributor against the real RabbitMQ and Redis, and against ports
 * where nothing listens.
 */
class JobsHealthIndicatorIntegrationTests {

	private final JobsContextRunner jobs = new JobsContextRunner();

	/**
	 * A health timeout far above the first contact's cost (connecting, declaring), which on a
	 * loaded machine can pass the 5 s default; the test of the timeout sets its own.
	 */
	private final ApplicationContextRunner runner = this.jobs.producer()
		.withConfiguration(AutoConfigurations.of(JobsOperationsAutoConfiguration.class,
				JobsHealthContributorAutoConfiguration.class))
		.withPropertyValues("jobs.actuate.health-timeout=30s");

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

	/**
	 * Issue 10, item 11: with the Redis client's default command timeout (60 seconds), a
	 * {@code PING} to a Redis that does not answer held the probe for a minute. Health must
	 * say {@code DOWN} within {@code jobs.actuate.health-timeout}, whatever the client's
	 * timeout.
	 */
	@Test
	void downWithinTheHealthTimeoutWhileRedisDoesNotAnswer() throws Exception {
		try (RedisPartition partition = RedisPartition.open()) {
			this.runner.withPropertyValues("spring.data.redis.port=" + partition.port(), "jobs.actuate.health-timeout=1s")
				.run((context) -> {
					HealthIndicator indicator = context.getBean("jobsHealthIndicator", HealthIndicator.class);
					// The first contact with each (connecting, declaring) may take longer than 1 s.
					await().atMost(Duration.ofSeconds(30)).until(() -> indicator.health().getStatus(), Status.UP::equals);

					partition.cut();
					Health health = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> indicator.health());
					Health again = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> indicator.health());

					assertThat(health.getStatus()).isEqualTo(Status.DOWN);
					assertThat(health.getDetails()).containsEntry("broker", "up")
						.containsEntry("redis", "unreachable: no answer within 1000 ms");
					assertThat(again.getStatus()).isEqualTo(Status.DOWN);
				});
		}
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
