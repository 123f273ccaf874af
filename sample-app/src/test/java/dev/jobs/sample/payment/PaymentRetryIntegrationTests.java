package dev.jobs.sample.payment;

import java.util.UUID;

import dev.jobs.FailureReason;
import dev.jobs.JobStatus;
import dev.jobs.sample.SampleClient;
import dev.jobs.sample.SampleIntegrationTest;
import dev.jobs.sample.job.JobView;
import dev.jobs.sample.mail.FakeMailGateway;
import dev.jobs.sample.order.OrderPlaced;
import dev.jobs.sample.order.OrderView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.jobs.sample.SampleClient.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code payment} retry policy: a decline is not retried and fails at once, a gateway
 * timeout is retried (after about a second in tests, 10 s in the application).
 */
@SampleIntegrationTest
class PaymentRetryIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private FakeMailGateway mailGateway;

	private SampleClient sample;

	@BeforeEach
	void createSampleClient() {
		this.sample = new SampleClient(this.client);
	}

	@Test
	void declinedPaymentFailsAfterOneAttemptAndTheFailureListenerHearsOfIt() {
		String email = "decline-" + UUID.randomUUID() + "@example.com";
		OrderPlaced placed = this.sample.placeOrder(email);

		JobView payment = this.sample.awaitFinished(placed.paymentJobId());
		assertThat(payment.status()).isEqualTo(JobStatus.FAILURE);
		assertThat(payment.attempts()).isEqualTo(1);
		assertThat(payment.error().type()).isEqualTo(PaymentDeclinedException.class.getName());
		assertThat(payment.error().message()).contains(placed.orderId()).contains("declined");
		assertThat(this.sample.order(placed.orderId()).paymentStatus()).isEqualTo(JobStatus.FAILURE);

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.sample.failures()).anySatisfy((failure) -> {
			assertThat(failure.jobId()).isEqualTo(placed.paymentJobId());
			assertThat(failure.task()).isEqualTo("charge-payment");
			assertThat(failure.queue()).isEqualTo("critical");
			assertThat(failure.attempts()).isEqualTo(1);
			assertThat(failure.reason()).isEqualTo(FailureReason.NOT_RETRYABLE);
			assertThat(failure.error().type()).isEqualTo(PaymentDeclinedException.class.getName());
		}));
		// The mail follows the charge in the order's chain: the chain ended with the charge.
		assertThat(this.mailGateway.sent()).noneSatisfy((mail) -> assertThat(mail.to()).isEqualTo(email));
	}

	@Test
	void timedOutPaymentIsRetriedAndChargedOnce() {
		OrderPlaced placed = this.sample.placeOrder("flaky-" + UUID.randomUUID() + "@example.com");

		JobView retrying = await().atMost(TIMEOUT)
			.until(() -> this.sample.job(placed.paymentJobId()), (job) -> job.status() == JobStatus.RETRYING);
		assertThat(retrying.attempts()).isEqualTo(1);
		assertThat(retrying.error().type()).isEqualTo(PaymentGatewayTimeoutException.class.getName());
		assertThat(retrying.nextAttemptAt()).isAfter(retrying.startedAt());

		JobView payment = this.sample.awaitFinished(placed.paymentJobId());
		assertThat(payment.status()).as("payment job error: %s", payment.error()).isEqualTo(JobStatus.SUCCESS);
		assertThat(payment.attempts()).isEqualTo(2);
		OrderView order = this.sample.order(placed.orderId());
		// The receipt is the one of the charge taken in the attempt that timed out.
		assertThat(order.receipt().chargedAt()).isBefore(payment.startedAt());
	}

}
