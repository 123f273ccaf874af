package dev.jobs.rabbit.topology;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The queue arguments the topology declares, by broker version and delay queue type.
 */
class JobsTopologyTests {

	private final JobsTopology quorum = new JobsTopology("shop", QueueType.QUORUM,
			() -> List.of(new JobQueueSpec("orders", QueueType.QUORUM, 10, 0)));

	@Test
	void everyNameStartsWithThePrefix() {
		assertThat(this.quorum.declarables(new RabbitVersion(3, 10))).allSatisfy((declarable) -> assertThat(
				name(declarable)).satisfiesAnyOf((name) -> assertThat(name).isNull(),
						(name) -> assertThat(name).startsWith("shop")));
		assertThat(this.quorum.queueName("orders")).isEqualTo("shop.orders");
		assertThat(this.quorum.jobQueueOf("shop.orders")).isEqualTo("orders");
		assertThat(this.quorum.jobQueueOf("jobs.orders")).isNull();
		assertThat(this.quorum.deadLetterQueue()).isEqualTo("shop.dead-letter");
	}

	/**
	 * RabbitMQ 4 gives quorum queues a default delivery limit of 20, and browsing the
	 * dead-letter queue returns every message it reads; RabbitMQ 3.10 has no default limit and
	 * takes -1 as "dead-letter on the first return", which for the dead-letter queue (which has
	 * no dead-letter exchange of its own) means dropping the entry.
	 */
	@Test
	void deadLetterQueueHasNoDeliveryLimitOnRabbitMq4AndNoArgumentOnRabbitMq3() {
		assertThat(queue(this.quorum, new RabbitVersion(4, 0), "shop.dead-letter").getArguments())
			.containsEntry("x-queue-type", "quorum")
			.containsEntry("x-delivery-limit", -1);
		assertThat(queue(this.quorum, new RabbitVersion(3, 10), "shop.dead-letter").getArguments())
			.containsEntry("x-queue-type", "quorum")
			.doesNotContainKey("x-delivery-limit");
	}

	@Test
	void quorumDelayLevelsDeadLetterAtLeastOnceUnderNamesOfTheirOwn() {
		Map<String, Object> arguments = queue(this.quorum, new RabbitVersion(3, 10), "shop.delay.quorum.3")
			.getArguments();
		assertThat(arguments).containsEntry("x-queue-type", "quorum")
			.containsEntry("x-message-ttl", 8000)
			.containsEntry("x-dead-letter-exchange", "shop.delay.quorum.2")
			.containsEntry("x-dead-letter-strategy", "at-least-once")
			.containsEntry("x-overflow", "reject-publish");
	}

	@Test
	void classicDelayLevelsKeepTheirNamesAndArguments() {
		JobsTopology classic = new JobsTopology("shop", QueueType.CLASSIC, List::of);
		assertThat(queue(classic, new RabbitVersion(3, 8), "shop.delay.0").getArguments())
			.containsEntry("x-message-ttl", 1000)
			.containsEntry("x-dead-letter-exchange", "shop.delay.deliver")
			.containsEntry("x-queue-mode", "lazy")
			.doesNotContainKey("x-queue-type");
	}

	@Test
	void quorumDelayLevelsOnABrokerBefore310AreRefusedNamingTheProperty() {
		assertThatIllegalStateException().isThrownBy(() -> this.quorum.declarables(new RabbitVersion(3, 9)))
			.withMessageContaining("RabbitMQ 3.9")
			.withMessageContaining("jobs.rabbit.delay-queue-type");
	}

	/**
	 * RabbitMQ 3.10 to 3.12 know {@code client-local}, {@code random} and {@code least-leaders};
	 * RabbitMQ 4 knows {@code client-local} and {@code balanced}, and reads the other two as
	 * deprecated aliases of {@code balanced}.
	 */
	@Test
	void everyQuorumQueuePlacesItsLeaderOnTheNodeWithTheFewestLeaders() {
		for (String name : List.of("shop.orders", "shop.dead-letter", "shop.delay.quorum.0", "shop.delay.quorum.21")) {
			assertThat(queue(this.quorum, new RabbitVersion(3, 10), name).getArguments())
				.containsEntry("x-queue-leader-locator", "least-leaders");
			assertThat(queue(this.quorum, new RabbitVersion(4, 0), name).getArguments())
				.containsEntry("x-queue-leader-locator", "balanced");
		}
		// RabbitMQ 3.10 refuses the argument on a classic queue (invalid arg ... rabbit_classic_queue).
		JobsTopology classic = new JobsTopology("shop", QueueType.CLASSIC,
				() -> List.of(new JobQueueSpec("reports", QueueType.CLASSIC, 0, 5)));
		for (String name : List.of("shop.delay.0", "shop.reports")) {
			assertThat(queue(classic, new RabbitVersion(3, 10), name).getArguments()).as(name)
				.doesNotContainKey("x-queue-leader-locator");
		}
	}

	@Test
	void alternativesDifferOnlyInTheLeaderLocatorTheWithoutOneFirst() {
		Queue placed = queue(this.quorum, new RabbitVersion(3, 10), "shop.orders");
		List<Queue> alternatives = this.quorum.leaderLocatorAlternatives(placed);
		assertThat(alternatives).extracting(JobsTopology::leaderLocatorOf)
			.containsExactly(null, "balanced", "client-local", "random");
		assertThat(alternatives).allSatisfy((alternative) -> {
			assertThat(alternative.getName()).isEqualTo("shop.orders");
			assertThat(alternative.getArguments()).containsEntry("x-queue-type", "quorum")
				.containsEntry("x-delivery-limit", 10);
		});
		assertThat(JobsTopology.leaderLocatorOf(placed)).isEqualTo("least-leaders");
		assertThat(this.quorum.leaderLocatorAlternatives(alternatives.get(0))).isEmpty();
	}

	@Test
	void versionReadsTheBrokersAnnouncement() {
		assertThat(RabbitVersion.parse("3.10.8")).isEqualTo(new RabbitVersion(3, 10));
		assertThat(RabbitVersion.parse("4.1.0-rc.1")).isEqualTo(new RabbitVersion(4, 1));
		assertThat(new RabbitVersion(4, 0).isAtLeast(3, 10)).isTrue();
		assertThat(new RabbitVersion(3, 9).isAtLeast(3, 10)).isFalse();
	}

	private static Queue queue(JobsTopology topology, RabbitVersion broker, String name) {
		return topology.declarables(broker)
			.stream()
			.filter((declarable) -> declarable instanceof Queue queue && queue.getName().equals(name))
			.map(Queue.class::cast)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No queue " + name));
	}

	private static String name(Declarable declarable) {
		if (declarable instanceof Queue queue) {
			return queue.getName();
		}
		if (declarable instanceof org.springframework.amqp.core.Exchange exchange) {
			return exchange.getName();
		}
		return null;
	}

}
