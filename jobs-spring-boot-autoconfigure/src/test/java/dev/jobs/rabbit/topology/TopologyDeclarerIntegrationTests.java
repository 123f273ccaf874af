package dev.jobs.rabbit.topology;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.LocalBroker;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Declaring the topology where an earlier version already declared part of it, against the
 * real RabbitMQ.
 */
class TopologyDeclarerIntegrationTests {

	private final JobsTopology topology = new JobsTopology("it-" + UUID.randomUUID().toString().substring(0, 8),
			QueueType.QUORUM, () -> List.of(new JobQueueSpec("orders", QueueType.QUORUM, 10, 0)));

	private final CachingConnectionFactory connectionFactory = new CachingConnectionFactory(
			LocalBroker.connectionFactory());

	@AfterEach
	void cleanUp() {
		this.connectionFactory.destroy();
		LocalBroker.deleteNamespace(this.topology.prefix());
	}

	/**
	 * On RabbitMQ 4 the dead-letter queue is declared with {@code x-delivery-limit: -1}, and the
	 * broker refuses that for a queue an earlier version declared without it. The declarer uses
	 * that queue as it is (and logs how to fix it) rather than fail every connection. RabbitMQ
	 * 3.10 checks the argument the same way, so declaring as for RabbitMQ 4 shows it here.
	 */
	@Test
	void deadLetterQueueDeclaredWithoutTheDeliveryLimitArgumentIsUsedAsItIs() {
		LocalBroker.withChannel((channel) -> channel.queueDeclare(this.topology.deadLetterQueue(), true, false, false,
				Map.of("x-queue-type", "quorum")));

		new TopologyDeclarer(this.connectionFactory, this.topology).declare(new RabbitVersion(4, 0));

		assertThat(LocalBroker.listedTypeAndArguments(this.topology.queueName("orders"))).startsWith("quorum");
		assertThat(LocalBroker.listedTypeAndArguments(this.topology.deadLetterQueue())).startsWith("quorum")
			.doesNotContain("x-delivery-limit");
	}

	/**
	 * Queues declared before leaders were placed have no {@code x-queue-leader-locator}, and
	 * RabbitMQ refuses a redeclaration that adds it (PRECONDITION_FAILED, inequivalent arg).
	 * Since it only places a new queue's leader, the queue is used as it is.
	 */
	@Test
	void jobQueueDeclaredBeforeLeadersWerePlacedIsUsedAsItIs() {
		LocalBroker.withChannel((channel) -> channel.queueDeclare(this.topology.queueName("orders"), true, false,
				false, Map.of("x-queue-type", "quorum", "x-delivery-limit", 10, "x-overflow", "reject-publish",
						"x-dead-letter-strategy", "at-least-once", "x-dead-letter-exchange",
						this.topology.deadLetterExchange(), "x-dead-letter-routing-key", "dead-letter")));

		new TopologyDeclarer(this.connectionFactory, this.topology).declare(new RabbitVersion(3, 10));

		assertThat(LocalBroker.listedTypeAndArguments(this.topology.queueName("orders"))).startsWith("quorum")
			.doesNotContain("x-queue-leader-locator");
		assertThat(LocalBroker.listedTypeAndArguments(this.topology.deadLetterQueue()))
			.contains("x-queue-leader-locator");
	}

	@Test
	void jobQueueDeclaredWithOtherArgumentsStillFailsTheDeclaration() {
		LocalBroker.withChannel((channel) -> channel.queueDeclare(this.topology.queueName("orders"), true, false,
				false, Map.of("x-queue-type", "quorum", "x-delivery-limit", 3)));

		assertThatExceptionOfType(AmqpException.class)
			.isThrownBy(() -> new TopologyDeclarer(this.connectionFactory, this.topology).declare(new RabbitVersion(3, 10)));
	}

}
