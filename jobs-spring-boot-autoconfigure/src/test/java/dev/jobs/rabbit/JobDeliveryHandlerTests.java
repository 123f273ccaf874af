package dev.jobs.rabbit;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which {@code x-delivery-count} the worker believes.
 */
class JobDeliveryHandlerTests {

	/**
	 * Issue 10, item 8: a valid job published by another service with its own
	 * {@code x-delivery-count: 10} was dead-lettered as DELIVERY_LIMIT without running.
	 */
	@Test
	void firstDeliveryCountsZeroWhateverTheProducerWrote() {
		assertThat(JobDeliveryHandler.deliveryCount(false, 10, Map.of("x-delivery-count", 10L))).isZero();
	}

	@Test
	void redeliveryFromAQuorumQueueCountsTheBrokersHeader() {
		assertThat(JobDeliveryHandler.deliveryCount(true, 10, Map.of("x-delivery-count", 3L))).isEqualTo(3);
		assertThat(JobDeliveryHandler.deliveryCount(true, 10, null)).isZero();
	}

	/**
	 * A classic queue never counts deliveries: the header can only be a producer's.
	 */
	@Test
	void queueWithoutADeliveryLimitCountsZero() {
		assertThat(JobDeliveryHandler.deliveryCount(true, 0, Map.of("x-delivery-count", 10L))).isZero();
	}

}
