package dev.jobs.sample.payment;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.jobs.JobStatus;
import dev.jobs.sample.SampleClient;
import dev.jobs.sample.SampleIntegrationTest;
import dev.jobs.sample.job.JobView;
import dev.jobs.sample.order.OrderPlaced;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order's charge is idempotent by order id: asking to charge an order again, however often,
 * runs no second charge, and each such job ends with the first charge's receipt and says which
 * job it took it from.
 */
@SampleIntegrationTest
class ChargeOnceIntegrationTests {

	@Autowired
	private RestTestClient client;

	private SampleClient sample;

	@BeforeEach
	void createSampleClient() {
		this.sample = new SampleClient(this.client);
	}

	@Test
	void chargingAnOrderAgainEndsWithTheFirstReceiptWithoutChargingTwice() {
		OrderPlaced placed = this.sample.placeOrder("lin-" + UUID.randomUUID() + "@example.com");
		JobView first = this.sample.awaitFinished(placed.paymentJobId());
		assertThat(first.status()).isEqualTo(JobStatus.SUCCESS);

		for (int i = 0; i < 2; i++) {
			OrderPlaced again = chargeAgain(placed.orderId());
			assertThat(again.paymentJobId()).isNotEqualTo(placed.paymentJobId());
			JobView repeat = this.sample.awaitFinished(again.paymentJobId());
			assertThat(repeat.status()).isEqualTo(JobStatus.SUCCESS);
			assertThat(repeat.deduplicatedFrom()).isEqualTo(placed.paymentJobId());
			assertThat(receiptId(repeat)).isEqualTo(receiptId(first));
		}
	}

	private OrderPlaced chargeAgain(String orderId) {
		return this.client.post()
			.uri("/api/orders/{id}/charge", orderId)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.ACCEPTED)
			.expectBody(OrderPlaced.class)
			.returnResult()
			.getResponseBody();
	}

	private static Object receiptId(JobView job) {
		return ((Map<?, ?>) job.result()).get("receiptId");
	}

}
