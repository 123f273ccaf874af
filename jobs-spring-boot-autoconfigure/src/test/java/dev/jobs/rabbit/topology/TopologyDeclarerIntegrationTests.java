package dev.jobs.rabbit.topology;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.LocalBroker;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

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

}
