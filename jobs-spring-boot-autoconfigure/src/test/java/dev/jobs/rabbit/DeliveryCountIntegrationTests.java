package dev.jobs.rabbit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobHandle;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.LocalBroker;
import dev.jobs.core.envelope.JobIds;
import dev.jobs.rabbit.topology.TopologyDeclarer;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which deliveries count towards a quorum queue's delivery limit, against the real RabbitMQ:
 * the broker's redeliveries, never a count a producer wrote into the message.
 */
class DeliveryCountIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final JobsContextRunner runner = new JobsContextRunner();

	private final ApplicationContextRunner worker = this.runner.worker()
		.withPropertyValues("jobs.queues." + this.runner.queue() + ".delivery-limit=3")
		.withBean(CountingTasks.class, CountingTasks::new);

	@AfterEach
	void cleanUp() {
		this.runner.cleanUp();
	}

	/**
	 * The rule the worker relies on: a first delivery carries the redelivery flag false, and a
	 * redelivery carries the flag and the broker's count in {@code x-delivery-count}.
	 */
	@Test
	void brokerFlagsAndCountsARedeliveryOfAMessageThatCarriedItsOwnCount() {
		this.runner.producer()
			.withPropertyValues("jobs.queues." + this.runner.queue() + ".delivery-limit=3")
			.run((context) -> {
				context.getBean(TopologyDeclarer.class).declare();
				publish(job("count-probe"));

				LocalBroker.withChannel((channel) -> {
					GetResponse first = channel.basicGet(this.runner.brokerQueue(), false);
					assertThat(first.getEnvelope().isRedeliver()).isFalse();
					channel.basicReject(first.getEnvelope().getDeliveryTag(), true);
					GetResponse second = channel.basicGet(this.runner.brokerQueue(), false);
					assertThat(second.getEnvelope().isRedeliver()).isTrue();
					assertThat(second.getProps().getHeaders()).containsEntry("x-delivery-count", 1L);
					channel.basicAck(second.getEnvelope().getDeliveryTag(), false);
					return null;
				});
			});
	}

	/**
	 * Issue 10, item 8: a valid job published by another service with
	 * {@code x-delivery-count: 10} (or a broker dead letter moved back by hand) was
	 * dead-lettered as DELIVERY_LIMIT without running.
	 */
	@Test
	void jobPublishedWithItsOwnDeliveryCountRuns() {
		this.worker.run((context) -> {
			awaitQueue();
			String id = JobIds.next();

			publish(job(id));

			JobHandle<String> handle = context.getBean(Jobs.class).handle(id, String.class);
			assertThat(handle.await(TIMEOUT)).isEqualTo("ran " + id);
			assertThat(context.getBean(CountingTasks.class).ran()).containsExactly(id);
			assertThat(this.runner.deadLetters()).isEmpty();
		});
	}

	private void awaitQueue() {
		await().atMost(TIMEOUT)
			.ignoreExceptions()
			.until(() -> LocalBroker.withChannel((channel) -> channel.queueDeclarePassive(this.runner.brokerQueue())) != null);
	}

	private byte[] job(String id) {
		return ("{\"v\":1,\"id\":\"" + id + "\",\"task\":\"count-echo\",\"queue\":\"" + this.runner.queue()
				+ "\",\"args\":[\"" + id + "\"],\"attempt\":1,\"enqueuedAt\":\"" + Instant.now() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private void publish(byte[] body) {
		LocalBroker.withChannel((channel) -> {
			channel.confirmSelect();
			channel.basicPublish(this.runner.topology().exchange(), this.runner.queue(), true,
					new AMQP.BasicProperties.Builder().contentType("application/json")
						.deliveryMode(2)
						.headers(Map.of("x-delivery-count", 10))
						.build(),
					body);
			try {
				channel.waitForConfirmsOrDie(10_000);
			}
			catch (InterruptedException | TimeoutException ex) {
				throw new IllegalStateException(ex);
			}
			return null;
		});
	}

	static class CountingTasks {

		private final List<String> ran = new CopyOnWriteArrayList<>();

		List<String> ran() {
			return this.ran;
		}

		@BackgroundTask(name = "count-echo")
		String echo(String id) {
			this.ran.add(id);
			return "ran " + id;
		}

	}

}
