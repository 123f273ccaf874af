package dev.jobs.rabbit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.MessageProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.LocalBroker;
import dev.jobs.MovableClock;
import dev.jobs.autoconfigure.JobsOperationsAutoConfiguration;
import dev.jobs.core.port.QueueInspector;
import dev.jobs.core.port.QueueSnapshot;
import dev.jobs.core.port.QueueStats;
import dev.jobs.rabbit.topology.JobsTopology;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Queue numbers read from the real RabbitMQ, through its management API and, without it, over
 * AMQP. Jobs wait in this test's own queue: no worker runs.
 */
class RabbitQueueInspectorIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final JobsContextRunner jobs = new JobsContextRunner();

	private final String queue = this.jobs.queue();

	private final ApplicationContextRunner producer = this.jobs.producer()
		.withConfiguration(AutoConfigurations.of(JobsOperationsAutoConfiguration.class))
		.withUserConfiguration(TaskConfiguration.class);

	@AfterEach
	void cleanUp() {
		this.jobs.cleanUp();
	}

	@Test
	void managementApiGivesReadyUnacknowledgedAndConsumers() throws Exception {
		this.producer.run((context) -> {
			enqueue(context.getBean(Jobs.class), 3);
			try (Connection connection = LocalBroker.connectionFactory().newConnection("jobs-tests-holder");
					Channel holder = connection.createChannel()) {
				// A consumer that takes one job and never finishes it.
				holder.basicQos(1);
				holder.basicConsume(this.jobs.brokerQueue(), false, new DefaultConsumer(holder));

				// The management API refreshes its numbers every few seconds.
				await().atMost(TIMEOUT).untilAsserted(() -> {
					QueueSnapshot snapshot = context.getBean(QueueInspector.class).snapshot();
					assertThat(snapshot.source()).isEqualTo(QueueSnapshot.Source.MANAGEMENT_API);
					assertThat(snapshot.queue(this.queue)).contains(new QueueStats(this.queue, 2, 1L, 1));
				});
			}
		});
	}

	@Test
	void withoutTheManagementApiReadyAndConsumersAreReadOverAmqp() {
		this.producer.withPropertyValues("jobs.actuate.management.url=http://127.0.0.1:1").run((context) -> {
			enqueue(context.getBean(Jobs.class), 3);

			QueueSnapshot snapshot = context.getBean(QueueInspector.class).snapshot();

			assertThat(snapshot.source()).isEqualTo(QueueSnapshot.Source.AMQP);
			assertThat(snapshot.queue(this.queue)).contains(new QueueStats(this.queue, 3, null, 0));
			assertThat(snapshot.deadLetters().name()).isEqualTo(this.jobs.topology().deadLetterQueue());
			assertThat(snapshot.deadLetters().unacked()).isNull();
			assertThat(snapshot.delayed()).isZero();
		});
	}

	@Test
	void managementApiRefusingTheLoginFallsBackToAmqp() {
		this.producer.withPropertyValues("jobs.actuate.management.username=nobody",
				"jobs.actuate.management.password=wrong")
			.run((context) -> {
				enqueue(context.getBean(Jobs.class), 1);

				QueueSnapshot snapshot = context.getBean(QueueInspector.class).snapshot();

				assertThat(snapshot.source()).isEqualTo(QueueSnapshot.Source.AMQP);
				assertThat(snapshot.queue(this.queue)).contains(new QueueStats(this.queue, 1, null, 0));
			});
	}

	/**
	 * A delayed message that comes due toward a queue that does not exist stays in its delay
	 * level as an unforwarded dead letter, as every delayed job does while RabbitMQ's
	 * dead-letter worker for the level is gone: once the count has not fallen for a minute, the
	 * snapshot reports the level.
	 */
	@Test
	void delayLevelHoldingDeadLettersItDoesNotForwardIsReportedAfterAMinute() {
		this.producer.run((context) -> {
			enqueue(context.getBean(Jobs.class), 1);
			JobsTopology topology = context.getBean(JobsTopology.class);
			LocalBroker.withChannel((channel) -> {
				channel.basicPublish(topology.delayEntryExchange(), JobsTopology.delayRoutingKey(1, "no-such-queue"),
						MessageProperties.PERSISTENT_BASIC, "{}".getBytes(StandardCharsets.UTF_8));
				return null;
			});
			MovableClock clock = new MovableClock(Instant.parse("2026-12-03T12:00:00Z"));
			RabbitQueueInspector inspector = new RabbitQueueInspector(
					context.getBean(JobsRabbitConnections.class).worker(), topology,
					new ManagementApi(null, null, null, Duration.ofSeconds(5)), JsonMapper.builder().build(), clock);
			String level = topology.delayQueueNames().stream().filter((name) -> name.endsWith(".0")).findFirst().orElseThrow();

			// The management API counts it a few seconds after it expired.
			await().atMost(TIMEOUT).untilAsserted(() -> {
				clock.advance(Duration.ofSeconds(1));
				QueueSnapshot first = inspector.snapshot();
				assertThat(first.source()).isEqualTo(QueueSnapshot.Source.MANAGEMENT_API);
				assertThat(first.stalledDeadLetters()).isEmpty();
				assertThat(LocalBroker.listedUnforwarded(level)).isEqualTo(1);
			});

			// A minute on: reported. The API's numbers lag and can blip while it refreshes them
			// (a read without the count restarts the minute), so each try moves another minute on.
			await().atMost(TIMEOUT).untilAsserted(() -> {
				clock.advance(Duration.ofSeconds(61));
				assertThat(inspector.snapshot().stalledDeadLetters()).singleElement().satisfies((stalled) -> {
					assertThat(stalled.queue()).isEqualTo(level);
					assertThat(stalled.messages()).isEqualTo(1);
				});
			});
		});
	}

	@Test
	void unreachableBrokerFailsTheSnapshot() {
		this.producer.withPropertyValues("spring.rabbitmq.port=1").run((context) -> assertThatException()
			.isThrownBy(() -> context.getBean(QueueInspector.class).snapshot()));
	}

	private static void enqueue(Jobs jobs, int count) {
		for (int i = 0; i < count; i++) {
			jobs.enqueue(WaitingTasks::park, "job-" + i);
		}
	}

	static class WaitingTasks {

		@BackgroundTask(name = "ops-wait")
		int park(String marker) {
			return 0;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		WaitingTasks waitingTasks() {
			return new WaitingTasks();
		}

	}

}
